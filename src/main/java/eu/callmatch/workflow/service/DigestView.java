package eu.callmatch.workflow.service;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** A digest in words of one language, as the templates lay it out: every text is ready, the templates escape. */
@TemplateData
public record DigestView(String language, String title, String subject, String noAlerts, String alertsHeading,
                         List<Alert> alerts, String deadlinesHeading, List<Deadline> deadlines, String footer,
                         String unsubscribe, String unsubscribeUrl) {

    @TemplateData
    public record Alert(String identifier, String title, String url, String news, String deadline, String why) {
    }

    @TemplateData
    public record Deadline(String identifier, String status, String deadline, String url) {
    }

    /** A digest ready to send: the subject and both parts. */
    public record Rendered(String subject, String text, String html) {
    }
}
