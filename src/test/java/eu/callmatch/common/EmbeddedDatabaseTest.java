package eu.callmatch.common;

import eu.callmatch.common.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded server that holds a helpdesk's data: durable settings, and data that survives a restart. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void fsyncAndSynchronousCommitAreOnAndDataSurvivesARestart() throws Exception {
        Path files = dir.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(files, 0);
             Connection c = connect(db); Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"));
            assertEquals("on", show(s, "synchronous_commit"));
            assertEquals("on", show(s, "full_page_writes"));
            assertEquals(EmbeddedDatabase.MAJOR, Integer.parseInt(show(s, "server_version_num")) / 10_000,
                    "the binaries in the jar are the major the code says");
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('still here')");
        }
        assertTrue(files.resolve("PG_VERSION").toFile().exists());
        // a second start on the same files: no initdb, the data is there
        try (EmbeddedDatabase db = EmbeddedDatabase.start(files, 0);
             Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
