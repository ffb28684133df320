package eu.callmatch.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Someone, or some system, that may use the API with a password (HTTP Basic). Only a bcrypt hash is kept. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    public String username;
    /** bcrypt in Modular Crypt Format ($2a$...). */
    public String passwordHash;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> roles = new ArrayList<>();
    public OffsetDateTime createdAt;
    public String createdBy;
    /** Where the user's digests go (personal data); null: their username if it is an address, else none. */
    public String email;
}
