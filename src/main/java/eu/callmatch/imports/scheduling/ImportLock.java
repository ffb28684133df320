package eu.callmatch.imports.scheduling;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL advisory lock per source, so that only one replica imports a source at a time. Held by a connection
 * of its own for the whole run; PostgreSQL releases it if that replica dies.
 */
@ApplicationScoped
public class ImportLock {

    private final AgroalDataSource dataSource;

    ImportLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock, or empty when another replica holds it. */
    public Optional<Held> tryAcquire(String source) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, "callmatch-import:" + source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(new Held(connection, source));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** A held lock: closing it releases it. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final String source;

        Held(Connection connection, String source) {
            this.connection = connection;
            this.source = source;
        }

        @Override
        public void close() throws SQLException {
            try (connection; PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                ps.setString(1, "callmatch-import:" + source);
                ps.execute();
            }
        }
    }
}
