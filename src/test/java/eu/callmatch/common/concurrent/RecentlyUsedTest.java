package eu.callmatch.common.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentlyUsedTest {

    @Test
    void remembersUpToItsCapacityDroppingTheLeastRecentlyUsed() {
        List<String> computed = new ArrayList<>();
        RecentlyUsed<String, String> cache = new RecentlyUsed<>(2);
        java.util.function.Function<String, String> upper = k -> {
            computed.add(k);
            return k.toUpperCase();
        };
        assertEquals("A", cache.get("a", upper));
        assertEquals("B", cache.get("b", upper));
        assertEquals("A", cache.get("a", upper)); // a is now the most recently used
        assertEquals("C", cache.get("c", upper)); // drops b
        assertEquals("A", cache.get("a", upper));
        assertEquals("B", cache.get("b", upper));
        assertEquals(List.of("a", "b", "c", "b"), computed);
    }

    @Test
    void aNullAnswerIsNotKept() {
        List<String> computed = new ArrayList<>();
        RecentlyUsed<String, String> cache = new RecentlyUsed<>(4);
        assertNull(cache.get("x", k -> {
            computed.add(k);
            return null;
        }));
        cache.get("x", k -> {
            computed.add(k);
            return "X";
        });
        assertEquals(List.of("x", "x"), computed);
    }
}
