package eu.callmatch.digests;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DigestDeliveryRepository implements PanacheRepositoryBase<DigestDelivery, Long> {
}
