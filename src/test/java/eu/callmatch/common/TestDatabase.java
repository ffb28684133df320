package eu.callmatch.common;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the test database once for every @QuarkusTest of the module. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestDatabase {

    private TestDatabase() {
    }
}
