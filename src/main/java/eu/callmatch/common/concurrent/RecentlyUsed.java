package eu.callmatch.common.concurrent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was worked out lately from a key, at most {@code capacity} entries, the least recently used dropped first.
 * Thread-safe; a value is worked out outside the lock, so two threads may work out the same one once each (harmless
 * for what it holds: answers that depend on the key alone).
 */
public final class RecentlyUsed<K, V> {

    private final Map<K, V> entries;

    public RecentlyUsed(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value remembered for {@code key}, or null. */
    public V known(K key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** The value for {@code key}: remembered, else worked out by {@code compute} (a null answer is not kept). */
    public V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.apply(key);
        if (value != null) {
            synchronized (entries) {
                entries.put(key, value);
            }
        }
        return value;
    }
}
