package eu.callmatch.calls;

/**
 * What a call record is, where its source says so: the portal lists work-programme topics, cascade-funding calls
 * (open calls that EU-funded projects run for third parties, published under the topic that funds the project) and
 * tenders side by side.
 */
public enum CallKind { TOPIC, CASCADE_FUNDING, TENDER }
