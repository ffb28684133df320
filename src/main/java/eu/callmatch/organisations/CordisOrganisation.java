package eu.callmatch.organisations;

/** An organisation of CORDIS, keyed by its PIC; {@code country} is ISO (EL/UK become GR/GB). */
public record CordisOrganisation(String pic, String name, String shortName, String country, String city,
                                 String activityType, Boolean sme, String url) {
}
