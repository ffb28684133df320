package eu.callmatch.digests;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DigestSubscriptionRepository implements PanacheRepositoryBase<DigestSubscription, Long> {
}
