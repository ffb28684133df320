package eu.callmatch.common.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainMessagesTest {

    @Test
    void parserAdviceAndClassNamesAreLeftOut() {
        assertEquals("Non-standard token 'NaN'", PlainMessages.plain("Non-standard token 'NaN': enable "
                + "`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow\n at [Source: REDACTED; line: 1, column: 30]"));
        assertEquals("Unexpected end-of-input: expected close marker for Array", PlainMessages.plain(
                "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED "
                        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 13])"));
        assertEquals("Duplicate field 'description'", PlainMessages.plain("Duplicate field 'description'\n at "
                + "[Source: REDACTED; line: 1, column: 70]"));
        assertEquals("Cannot deserialize a value from String \"x\"", PlainMessages.plain(
                "Cannot deserialize `java.time.LocalDate` from String \"x\""));
    }

    @Test
    void whatStillNamesJavaBecomesAPlainPhrase() {
        assertEquals("it cannot be read", PlainMessages.plain("Cannot construct instance of java.util.ArrayList"));
        assertEquals("it cannot be read", PlainMessages.plain(null));
        assertEquals("it cannot be read", PlainMessages.plain(""));
    }

    @Test
    void aDatabaseRefusalIsTheInnermostErrorWithoutTheDriversFraming() {
        // as PostgreSQL's driver reports a batch: the reason in the next exception, Hibernate's exception around it
        java.sql.SQLException batch = new java.sql.SQLException("Batch entry 0 <unknown> was aborted: ERROR: numeric "
                + "field overflow\n  Detail: A field with precision 15 ...  Call getNextException to see other errors "
                + "in the batch.", "22003");
        batch.setNextException(new java.sql.SQLException("ERROR: numeric field overflow\n  Detail: A field with "
                + "precision 15, scale 2 must round to an absolute value less than 10^13.", "22003"));
        assertEquals("numeric field overflow", PlainMessages.databaseRefusal(
                new RuntimeException("could not execute batch [insert into call ...]", batch)));
        assertEquals("numeric field overflow", PlainMessages.databaseRefusal(new java.sql.SQLException(
                "Batch entry 3 <unknown> was aborted: ERROR: numeric field overflow  Call getNextException to see "
                        + "other errors in the batch.", "22003")));
        assertEquals("a text holds a NUL character (\\u0000)", PlainMessages.databaseRefusal(new java.sql.SQLException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertEquals("the database refused it", PlainMessages.databaseRefusal(new IllegalStateException()));
    }
}
