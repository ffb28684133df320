package eu.callmatch.common.concurrent;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the calling thread at the operating system's lowest priority: background work that keeps the cores busy for
 * minutes (a large import's calls being embedded, Lucene merging segments) then takes only the CPU that requests
 * leave, and a call match during such a backlog takes about as long as without it. On Linux, the thread's nice value
 * becomes {@value #NICE} (about 1.5% of a core where a request's thread at the default 0 wants it). Java's own thread
 * priorities are not passed to Linux without JVM options, so this sets it through the C library (with JNA, which
 * the tokenizer's library brings already). Elsewhere, or where the system refuses, the thread runs on at its priority
 * and a warning says why, once.
 *
 * <p>Only for threads that hold no lock a request waits for: a starved thread holding one would hold up the request
 * (the index writer's lock, for one, stays with threads at the default priority).
 */
public final class BackgroundPriority {

    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class);
    /** Linux's lowest priority. */
    public static final int NICE = 19;
    private static final int PRIO_PROCESS = 0;
    private static final CLibrary C = load();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** The one function of the C library used here. */
    interface CLibrary extends Library {
        int setpriority(int which, int who, int priority) throws LastErrorException;
    }

    private BackgroundPriority() {
    }

    private static CLibrary load() {
        if (!Platform.isLinux()) {
            return null; // and no warning: the priority is a Linux refinement
        }
        try {
            return Native.load("c", CLibrary.class);
        } catch (LinkageError | RuntimeException e) {
            warn("the C library could not be loaded (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Lowers the calling thread's priority; true when it now runs at {@value #NICE}. */
    public static boolean lowerCurrentThread() {
        if (C == null) {
            return false;
        }
        try {
            // this thread's id for the kernel: /proc/thread-self links to /proc/<pid>/task/<tid>
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            C.setpriority(PRIO_PROCESS, Integer.parseInt(tid), NICE);
            return true;
        } catch (IOException | LastErrorException | NumberFormatException e) {
            warn(e.getMessage());
            return false;
        }
    }

    private static void warn(String reason) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warnf("Background work runs at the default priority, beside requests (could not lower a thread's "
                    + "priority: %s)", reason);
        }
    }
}
