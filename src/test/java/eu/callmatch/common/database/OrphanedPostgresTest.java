package eu.callmatch.common.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which PostgreSQL a start may stop: only the server of its own directory, and only when no running service owns it.
 * The real orphan, left by a killed service, is {@code OrphanedDatabaseIT}'s.
 */
class OrphanedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void aServerThatIsNotOrphanedIsLeftAlone() throws Exception {
        Path files = dir.resolve("a");
        try (EmbeddedDatabase running = EmbeddedDatabase.start(files, 0)) {
            List<String> pidFile = Files.readAllLines(files.resolve("postmaster.pid"));
            long pid = Long.parseLong(pidFile.get(0));
            assertEquals(pid, OrphanedPostgres.serverOf(files).orElseThrow().pid(), "the server of its directory");

            // a second start on the same files while the first service runs: refused, and the first goes on serving
            String message = assertThrows(EmbeddedDatabase.UnusableDirectoryException.class,
                    () -> EmbeddedDatabase.start(files, 0)).getMessage();
            assertTrue(message.contains("is in use"), message);
            assertEquals(1, selectOne(running));

            // a postmaster.pid copied into another directory names a postgres, but not that directory's
            Path other = Files.createDirectories(dir.resolve("b"));
            Files.write(other.resolve("postmaster.pid"), List.of(pidFile.get(0), other.toString(), pidFile.get(2),
                    pidFile.get(3)));
            assertTrue(OrphanedPostgres.serverOf(other).isEmpty());
            // ... and as it was, it names the first directory
            Files.write(other.resolve("postmaster.pid"), pidFile);
            assertTrue(OrphanedPostgres.serverOf(other).isEmpty());
            assertEquals(1, selectOne(running));
        }
    }

    @Test
    void aPidFileThatNamesAnotherProgramIsLeftToPostgreSQL() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Files.write(dir.resolve("postmaster.pid"),
                    List.of(Long.toString(sleep.pid()), dir.toString(), "0", "5432"));
            assertTrue(OrphanedPostgres.serverOf(dir).isEmpty());
            OrphanedPostgres.stopIfAny(dir);
            assertTrue(sleep.isAlive(), "a process that only reuses the pid is not stopped");
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** The service and its server killed at once (an OOM kill of the whole group): PostgreSQL recovers by itself. */
    @Test
    void aPidFileLeftByAKilledServerIsLeftToPostgreSQLWhichRecovers() throws Exception {
        Path files = dir.resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.start(files, 0);
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('committed before the kill')");
        }
        ProcessHandle postmaster = OrphanedPostgres.serverOf(files).orElseThrow();
        List<ProcessHandle> server = new ArrayList<>(postmaster.descendants().toList());
        server.add(postmaster);
        server.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : server) {
            p.onExit().get(10, TimeUnit.SECONDS);
        }
        first.close(); // its pg_ctl stop fails on the dead server; the directory's lock is released
        assertTrue(Files.exists(files.resolve("postmaster.pid")), "a stale postmaster.pid, as after a crash");

        long started = System.nanoTime();
        try (EmbeddedDatabase again = EmbeddedDatabase.start(files, 0);
             Connection c = connect(again); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from kept")) {
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30, "no start-up time-out");
            assertTrue(rs.next());
            assertEquals("committed before the kill", rs.getString(1));
        }
    }

    private static int selectOne(EmbeddedDatabase db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
