package eu.callmatch.search;

import java.util.List;

/**
 * What the members index needs of a member, implemented by the record the {@code members} feature exchanges. The
 * contact person is not part of it: personal data never enters the index.
 */
public interface IndexedMember {

    Long id();

    String name();

    String description();

    List<String> keywords();

    String country();

    Enum<?> organisationType();

    List<String> programmes();

    List<String> sectors();
}
