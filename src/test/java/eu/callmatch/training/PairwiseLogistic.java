package eu.callmatch.training;

/**
 * Logistic regression on pairs, for ranking: each row is the feature difference of a relevant item and an irrelevant
 * one for the same query, and the weights make {@code w . row} large. Minimises the weighted mean of
 * {@code log(1 + exp(-w . row))} plus {@code lambda / 2 |w|^2} by Newton's method (a few features: the Hessian is
 * small), so a fit is exact and needs no learning rate. No intercept: it would cancel in every pair.
 */
public final class PairwiseLogistic {

    private static final int MAX_STEPS = 50;

    private PairwiseLogistic() {
    }

    /** The weights for {@code rows} (row-major, {@code features} columns) with one weight per row. */
    public static double[] fit(double[][] rows, double[] rowWeights, double lambda) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] w = new double[d];
        double total = 0;
        for (double rw : rowWeights) {
            total += rw;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < rows.length; i++) {
                double[] x = rows[i];
                double z = dot(w, x);
                double p = 1 / (1 + Math.exp(z)); // the probability of the wrong order
                double a = rowWeights[i] / total;
                double c = a * p * (1 - p);
                for (int j = 0; j < d; j++) {
                    gradient[j] -= a * p * x[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += c * x[j] * x[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                gradient[j] += lambda * w[j];
                hessian[j][j] += lambda;
                for (int k = 0; k < j; k++) {
                    hessian[k][j] = hessian[j][k];
                }
            }
            double[] delta = solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= delta[j];
                size = Math.max(size, Math.abs(delta[j]));
            }
            if (size < 1e-9) {
                break;
            }
        }
        return w;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves {@code a x = b} for a symmetric positive definite {@code a} (Gaussian elimination, partial pivoting). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
