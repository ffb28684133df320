package eu.callmatch.organisations;

import java.time.LocalDate;
import java.util.List;

/**
 * A funded project of CORDIS. Only some bundles carry title and objective for every project (project.csv);
 * {@code topic} and {@code topicTitle} come from topics.csv, {@code scienceFields} (EuroSciVoc titles) from
 * euroSciVoc.csv.
 */
public record CordisProject(String id, String acronym, String title, String objective, String topic, String topicTitle,
                            String framework, LocalDate startDate, LocalDate endDate, List<String> scienceFields) {
}
