package eu.callmatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The arrows between packages point down: a feature uses the ones below it and never one above, a lower package
 * that needs something from a higher one defines an interface or an event that the higher one implements or fires
 * (as {@code search.IndexSource}, {@code common.security.Accounts}, {@code workflow.AlertsRaised}).
 */
class LayersTest {

    /** Lowest first: each may depend on those before it. */
    static final List<String> FEATURES = List.of("common", "users", "search", "calls", "members", "organisations",
            "savedsearches", "matching", "workflow", "imports", "calendars", "digests", "demo");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.callmatch");

    @Test
    void noFeatureDependsOnOneAboveIt() {
        List<org.junit.jupiter.api.function.Executable> layers = new java.util.ArrayList<>();
        for (int i = 0; i < FEATURES.size() - 1; i++) {
            String[] above = FEATURES.subList(i + 1, FEATURES.size()).stream().map(f -> "eu.callmatch." + f + "..")
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage("eu.callmatch." + FEATURES.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(FEATURES.get(i) + " lies below " + String.join(", ", FEATURES.subList(i + 1, FEATURES.size())));
            layers.add(() -> rule.check(CLASSES));
        }
        org.junit.jupiter.api.Assertions.assertAll(layers);
    }

    @Test
    void everyPackageIsPlacedInTheLayers() {
        CLASSES.stream().map(c -> c.getPackageName())
                .filter(p -> !p.equals("eu.callmatch"))
                .map(p -> p.substring("eu.callmatch.".length()).split("\\.")[0])
                .distinct()
                .forEach(feature -> org.junit.jupiter.api.Assertions.assertTrue(FEATURES.contains(feature),
                        "eu.callmatch." + feature + " is in no layer of LayersTest.FEATURES: place it"));
    }

    @Test
    void servicesExchangeTheFeaturesRecordsNotTheirRestTypes() {
        String[] rest = FEATURES.stream().filter(f -> !f.equals("common")).map(f -> "eu.callmatch." + f + ".rest..")
                .toArray(String[]::new);
        noClasses().that().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAnyPackage(rest)
                .because("a feature's rest package maps its records to HTTP; nothing else uses it")
                .check(CLASSES);
    }

    @Test
    void onlySearchSpeaksLucene() {
        noClasses().that().resideOutsideOfPackage("eu.callmatch.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .because("the features speak the search service's own types")
                .check(CLASSES);
    }
}
