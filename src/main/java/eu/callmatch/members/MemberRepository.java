package eu.callmatch.members;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member> {

    public Optional<Member> findByNameAndCountry(String name, String country) {
        return find("lower(name) = lower(?1) and country = ?2", name.strip(), country).firstResultOptional();
    }

    public Optional<Member> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }
}
