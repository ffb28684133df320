package eu.callmatch.common;

import eu.callmatch.common.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** Data from before an upgrade: refused at once, with the commands that carry it over, and not touched. */
    @Test
    void filesOfAnotherMajorAreRefusedWithTheWayOverAndLeftAsTheyWere() throws Exception {
        Path files = dir.resolve("postgres");
        Files.createDirectories(files.resolve("base").resolve("1"));
        Files.writeString(files.resolve("PG_VERSION"), "14\n");
        Files.writeString(files.resolve("postgresql.conf"), "# made by initdb 14\n");
        Files.writeString(files.resolve("base").resolve("1").resolve("1259"), "pages");
        Map<String, String> before = contents(files);

        String message = assertThrows(EmbeddedDatabase.UnusableDirectoryException.class,
                () -> EmbeddedDatabase.start(files, 0)).getMessage();
        assertTrue(message.contains("holds a PostgreSQL 14 database; this build runs PostgreSQL "
                + EmbeddedDatabase.MAJOR), message);
        assertTrue(message.contains("pg_dumpall -h localhost -p 5433 -U postgres -f callmatch-pg14.sql"), message);
        assertTrue(message.contains("mv " + files + " " + files + "-pg14"), message);
        assertTrue(message.contains("psql -h localhost -p 5433 -U postgres -d postgres -f callmatch-pg14.sql"),
                message);
        assertEquals(before, contents(files), "nothing written, created or deleted");

        Files.writeString(files.resolve("PG_VERSION"), (EmbeddedDatabase.MAJOR + 1) + "\n");
        before = contents(files);
        message = assertThrows(EmbeddedDatabase.UnusableDirectoryException.class,
                () -> EmbeddedDatabase.start(files, 0)).getMessage();
        assertTrue(message.contains("newer than this build's PostgreSQL " + EmbeddedDatabase.MAJOR), message);
        assertEquals(before, contents(files));
    }

    /** Every file under {@code root} with its content and modification time. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                files.put(root.relativize(p).toString(),
                        (Files.isDirectory(p) ? "dir" : Files.readString(p)) + " @" + modified.toMillis());
            }
        }
        return files;
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
