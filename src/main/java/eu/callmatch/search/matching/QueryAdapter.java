package eu.callmatch.search.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A learned low-rank map of a profile's vector toward the vectors of the calls such a profile goes to:
 * {@code v + sum_r a_r (b_r . v)}, made a unit vector again. The encoder was trained on general sentence pairs, not on
 * "which call follows this description": the map, learned from the training material's profiles and the topics
 * they went to (see {@code CallRankerTraining}), moves a profile's vector before the calls' nearest are searched and
 * scored. The calls' vectors are not touched, so no index is rebuilt when it changes. Loaded from {@value #RESOURCE};
 * {@link #NONE} leaves vectors as they are.
 *
 * @param a      the map's output directions, {@code rank} rows of {@link TextEmbedder#DIMENSIONS}
 * @param b      its input directions, as many rows of the same length
 * @param source where it comes from, for the log and the tests
 */
public record QueryAdapter(float[][] a, float[][] b, String source) {

    private static final Logger LOG = Logger.getLogger(QueryAdapter.class);

    public static final String RESOURCE = "matching/query-adapter.json";
    public static final int FORMAT = 1;
    public static final QueryAdapter NONE = new QueryAdapter(new float[0][], new float[0][], "none");

    public QueryAdapter {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a query adapter needs as many output as input directions");
        }
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != TextEmbedder.DIMENSIONS || b[r].length != TextEmbedder.DIMENSIONS) {
                throw new IllegalArgumentException("a query adapter's directions have " + TextEmbedder.DIMENSIONS
                        + " dimensions");
            }
        }
    }

    public int rank() {
        return a.length;
    }

    /** The mapped unit vector of {@code v}; {@code v} itself without a map, or when it is null. */
    public float[] apply(float[] v) {
        if (v == null || a.length == 0) {
            return v;
        }
        float[] out = v.clone();
        for (int r = 0; r < a.length; r++) {
            double t = 0;
            for (int d = 0; d < v.length; d++) {
                t += b[r][d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                out[d] += (float) (a[r][d] * t);
            }
        }
        double norm = 0;
        for (float x : out) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        for (int d = 0; d < out.length; d++) {
            out[d] /= (float) norm;
        }
        return out;
    }

    /** Each vector mapped. */
    public List<float[]> apply(List<float[]> vectors) {
        return a.length == 0 || vectors == null ? vectors : vectors.stream().map(this::apply).toList();
    }

    /** The learned map of {@value #RESOURCE}, or {@link #NONE} (logged) where it is missing or unreadable. */
    public static QueryAdapter learned() {
        return Learned.ADAPTER;
    }

    private static final class Learned {
        static final QueryAdapter ADAPTER = load();
    }

    private static QueryAdapter load() {
        try (InputStream in = QueryAdapter.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warnf("No learned query adapter (%s): profiles' vectors are matched as the encoder makes them",
                        RESOURCE);
                return NONE;
            }
            return read(new ObjectMapper().readTree(in), RESOURCE);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("The learned query adapter %s cannot be read (%s): profiles' vectors are matched as the "
                    + "encoder makes them", RESOURCE, e.getMessage());
            return NONE;
        }
    }

    /** Reads an adapter file: format, dimensions and the two sets of directions. */
    public static QueryAdapter read(JsonNode file, String source) {
        if (file.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("format " + file.path("format") + ", expected " + FORMAT);
        }
        if (file.path("dimensions").asInt() != TextEmbedder.DIMENSIONS) {
            throw new IllegalArgumentException("dimensions " + file.path("dimensions") + ", expected "
                    + TextEmbedder.DIMENSIONS);
        }
        return new QueryAdapter(rows(file.path("a")), rows(file.path("b")), source);
    }

    private static float[][] rows(JsonNode rows) {
        if (!rows.isArray()) {
            throw new IllegalArgumentException("expected the directions as arrays of numbers");
        }
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new float[row.size()];
            for (int d = 0; d < out[r].length; d++) {
                if (!row.get(d).isNumber()) {
                    throw new IllegalArgumentException("expected the directions as arrays of numbers");
                }
                out[r][d] = (float) row.get(d).asDouble();
            }
        }
        return out;
    }
}
