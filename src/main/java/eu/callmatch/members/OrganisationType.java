package eu.callmatch.members;

/** The kind of legal entity, as the EU's participation rules distinguish them. */
public enum OrganisationType {
    SME, LARGE_ENTERPRISE, RESEARCH_ORGANISATION, HIGHER_EDUCATION, PUBLIC_BODY, OTHER
}
