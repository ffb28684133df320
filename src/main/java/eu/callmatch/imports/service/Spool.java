package eu.callmatch.imports.service;

import eu.callmatch.common.config.CallmatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code <data-dir>/spool}: the files imports read (uploads, fetched sources), each removed when its run ends or is
 * closed as crashed; at start, what a process that died left behind.
 */
@ApplicationScoped
public class Spool {

    private static final Logger LOG = Logger.getLogger(Spool.class);

    private final Path dir;

    Spool(CallmatchConfig config) {
        this.dir = Path.of(config.dataDir(), "spool").toAbsolutePath().normalize();
    }

    /** A new empty file of the spool. */
    public Path newFile(String prefix, String suffix) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, prefix, suffix);
    }

    /** Removes a file of the spool, if it is one and is still there; a file elsewhere is left alone. */
    public void remove(String file) {
        if (file == null) {
            return;
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!path.startsWith(dir)) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("Could not delete the spooled import file %s: %s", path, e.getMessage());
        }
    }

    /** Whether the file is in this spool and older than {@code instant}: then a process before this one made it. */
    boolean heldFromBefore(String file, Instant instant) {
        Path path = file == null ? null : Path.of(file).toAbsolutePath().normalize();
        try {
            return path != null && path.startsWith(dir) && Files.exists(path)
                    && Files.getLastModifiedTime(path).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the files made before {@code instant} that no running import reads; returns how many. */
    int removeLeftovers(Set<String> inUse, Instant instant) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!inUse.contains(file.toString()) && heldFromBefore(file.toString(), instant)) {
                    remove(file.toString());
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not list the spool %s: %s", dir, e.getMessage());
        }
        return removed;
    }
}
