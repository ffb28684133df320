package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.PipelineItem;
import eu.callmatch.workflow.AlertDto;
import eu.callmatch.workflow.TriageItem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The workflow's paged lists, for the OpenAPI document ({@code common.paging.Page} is generic). */
final class WorkflowPages {

    private WorkflowPages() {
    }

    @Schema(name = "AlertPage")
    record AlertPage(List<AlertDto> items, int page, int size, long total) {
    }

    @Schema(name = "TriagePage")
    record TriagePage(List<TriageItem> items, int page, int size, long total) {
    }

    @Schema(name = "PipelinePage")
    record PipelinePage(List<PipelineItem> items, int page, int size, long total) {
    }
}
