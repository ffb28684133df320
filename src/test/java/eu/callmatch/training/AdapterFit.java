package eu.callmatch.training;

import eu.callmatch.search.matching.QueryAdapter;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Learns a {@link QueryAdapter}: the low-rank map {@code q' = q + sum_r a_r (b_r . q)} that makes each training
 * profile's vector pick its answer among all the calls, by softmax cross-entropy over the calls' cosines times
 * {@link #SCALE}, with L2 on the directions, in mini-batches with Adam. The calls' vectors stay as they are.
 */
final class AdapterFit {

    /** The softmax's inverse temperature: cosines differ by tenths, the loss needs logits that differ by units. */
    static final float SCALE = 20;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 5e-4;

    private AdapterFit() {
    }

    /**
     * @param queries the profiles' unit vectors
     * @param answers per profile, the row of its answer in {@code calls}
     * @param calls   the calls' unit vectors
     * @param epoch   called after every epoch with it and the adapter so far; answers false to stop
     */
    static QueryAdapter fit(float[][] queries, int[] answers, float[][] calls, int rank, double l2, int epochs,
                            long seed, EpochListener epoch) {
        int dims = calls[0].length;
        Random random = new Random(seed);
        float[][] a = new float[rank][dims];
        float[][] b = new float[rank][dims];
        for (float[] row : b) {
            for (int d = 0; d < dims; d++) {
                row[d] = (float) (random.nextGaussian() / Math.sqrt(dims));
            }
        }
        Adam adamA = new Adam(rank, dims);
        Adam adamB = new Adam(rank, dims);
        int[] order = IntStream.range(0, queries.length).toArray();
        QueryAdapter best = new QueryAdapter(copy(a), copy(b), "training");
        for (int e = 1; e <= epochs; e++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                float[][] ga = new float[rank][dims];
                float[][] gb = new float[rank][dims];
                int[] batch = java.util.Arrays.copyOfRange(order, start, end);
                float[][][] grads = java.util.Arrays.stream(batch).parallel()
                        .mapToObj(i -> gradient(queries[i], answers[i], calls, a, b)).toArray(float[][][]::new);
                for (float[][] g : grads) {
                    for (int r = 0; r < rank; r++) {
                        for (int d = 0; d < dims; d++) {
                            ga[r][d] += g[r][d] / batch.length;
                            gb[r][d] += g[rank + r][d] / batch.length;
                        }
                    }
                }
                for (int r = 0; r < rank; r++) {
                    for (int d = 0; d < dims; d++) {
                        ga[r][d] += (float) (l2 * a[r][d]);
                        gb[r][d] += (float) (l2 * b[r][d]);
                    }
                }
                adamA.step(a, ga);
                adamB.step(b, gb);
            }
            best = new QueryAdapter(copy(a), copy(b), "training");
            if (epoch != null && !epoch.after(e, best)) {
                break;
            }
        }
        return best;
    }

    interface EpochListener {
        boolean after(int epoch, QueryAdapter adapter);
    }

    /** One profile's gradient: the first {@code rank} rows for {@code a}, the next for {@code b}. */
    private static float[][] gradient(float[] q, int answer, float[][] calls, float[][] a, float[][] b) {
        int rank = a.length;
        int dims = q.length;
        double[] t = new double[rank];
        float[] mapped = q.clone();
        for (int r = 0; r < rank; r++) {
            for (int d = 0; d < dims; d++) {
                t[r] += b[r][d] * q[d];
            }
            for (int d = 0; d < dims; d++) {
                mapped[d] += (float) (a[r][d] * t[r]);
            }
        }
        double[] logits = new double[calls.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < calls.length; c++) {
            double s = 0;
            for (int d = 0; d < dims; d++) {
                s += calls[c][d] * mapped[d];
            }
            logits[c] = SCALE * s;
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < calls.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        float[] g = new float[dims]; // the loss's gradient at the mapped vector
        for (int c = 0; c < calls.length; c++) {
            double p = logits[c] / sum - (c == answer ? 1 : 0);
            if (Math.abs(p) < 1e-7) {
                continue;
            }
            float w = (float) (SCALE * p);
            for (int d = 0; d < dims; d++) {
                g[d] += w * calls[c][d];
            }
        }
        float[][] out = new float[2 * rank][dims];
        for (int r = 0; r < rank; r++) {
            double ag = 0;
            for (int d = 0; d < dims; d++) {
                ag += a[r][d] * g[d];
            }
            for (int d = 0; d < dims; d++) {
                out[r][d] = (float) (g[d] * t[r]);
                out[rank + r][d] = (float) (q[d] * ag);
            }
        }
        return out;
    }

    private static final class Adam {
        final float[][] m;
        final float[][] v;
        int steps;

        Adam(int rows, int dims) {
            m = new float[rows][dims];
            v = new float[rows][dims];
        }

        void step(float[][] x, float[][] g) {
            steps++;
            double c1 = 1 - Math.pow(0.9, steps);
            double c2 = 1 - Math.pow(0.999, steps);
            for (int r = 0; r < x.length; r++) {
                for (int d = 0; d < x[r].length; d++) {
                    m[r][d] = 0.9f * m[r][d] + 0.1f * g[r][d];
                    v[r][d] = 0.999f * v[r][d] + 0.001f * g[r][d] * g[r][d];
                    x[r][d] -= (float) (LEARNING_RATE * (m[r][d] / c1) / (Math.sqrt(v[r][d] / c2) + 1e-8));
                }
            }
        }
    }

    private static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
