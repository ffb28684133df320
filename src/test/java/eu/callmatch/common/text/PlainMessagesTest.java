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
}
