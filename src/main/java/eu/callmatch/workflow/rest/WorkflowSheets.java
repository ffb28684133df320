package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.PipelineItem;
import eu.callmatch.workflow.TriageItem;
import eu.callmatch.common.spreadsheet.Table;

import java.util.List;

import static eu.callmatch.common.spreadsheet.Table.column;

/** The workflow's lists as spreadsheets: the triage queue and a member's pipeline, a row an item. */
final class WorkflowSheets {

    private WorkflowSheets() {
    }

    static Table triage(List<TriageItem> items) {
        return Table.of("Triage", items,
                column("kind", TriageItem::kind),
                column("memberId", (TriageItem i) -> i.member() == null ? null : i.member().id()),
                column("memberName", (TriageItem i) -> i.member() == null ? null : i.member().name()),
                column("savedSearch", (TriageItem i) -> i.savedSearch() == null ? null : i.savedSearch().name()),
                column("assignee", TriageItem::assignee),
                column("callIdentifier", (TriageItem i) -> i.call().identifier()),
                column("title", (TriageItem i) -> i.call().title()),
                column("programme", (TriageItem i) -> i.call().programme()),
                column("callStatus", (TriageItem i) -> i.call().status()),
                column("nextDeadline", (TriageItem i) -> i.call().nextDeadline()),
                column("daysToDeadline", (TriageItem i) -> i.call().daysToDeadline()),
                column("status", TriageItem::status),
                column("reasonCode", TriageItem::reasonCode),
                column("lastScore", TriageItem::lastScore),
                column("lastAlertAt", TriageItem::lastAlertAt),
                column("decidedAt", TriageItem::decidedAt),
                column("url", (TriageItem i) -> i.call().url()));
    }

    static Table pipeline(List<PipelineItem> items) {
        return Table.of("Pipeline", items,
                column("callIdentifier", (PipelineItem i) -> i.call().identifier()),
                column("title", (PipelineItem i) -> i.call().title()),
                column("programme", (PipelineItem i) -> i.call().programme()),
                column("callStatus", (PipelineItem i) -> i.call().status()),
                column("nextDeadline", (PipelineItem i) -> i.call().nextDeadline()),
                column("daysToDeadline", (PipelineItem i) -> i.call().daysToDeadline()),
                column("deadlines", (PipelineItem i) -> i.call().deadlines()),
                column("status", PipelineItem::status),
                column("decidedBy", PipelineItem::decidedBy),
                column("decidedAt", PipelineItem::decidedAt),
                column("note", PipelineItem::note),
                column("url", (PipelineItem i) -> i.call().url()));
    }
}
