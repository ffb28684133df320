package eu.callmatch.training;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairwiseLogisticTest {

    @Test
    void solvesALinearSystem() {
        double[] x = PairwiseLogistic.solve(new double[][]{{4, 1}, {1, 3}}, new double[]{1, 2});
        assertArrayEquals(new double[]{1.0 / 11, 7.0 / 11}, x, 1e-12);
    }

    @Test
    void learnsWhichFeatureOrdersThePairsAndIgnoresNoise() {
        // pairs whose first feature is mostly positive (the relevant item has more of it); the second is noise
        Random random = new Random(1);
        double[][] rows = new double[2000][];
        double[] weights = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[]{random.nextGaussian() + 1, random.nextGaussian()};
            weights[i] = 1;
        }
        double[] w = PairwiseLogistic.fit(rows, weights, 1e-3);
        assertTrue(w[0] > 1, "the informative feature: " + w[0]);
        assertEquals(0, w[1], 0.15, "the noise");
        double[] strong = PairwiseLogistic.fit(rows, weights, 10);
        assertTrue(Math.abs(strong[0]) < Math.abs(w[0]) / 5, "L2 shrinks the weights");
    }
}
