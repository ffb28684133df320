package eu.callmatch.common.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * How request bodies are read: a key given twice in one object is an error (a 400 naming it), not a silent choice
 * between the two values; a text holding a NUL character is an error naming its field, as PostgreSQL cannot store
 * one and would otherwise refuse the whole statement in its own words; a date is written as a date between
 * {@link QueryLists#FIRST_DATE} and {@link QueryLists#LAST_DATE}, as in a query parameter (a BC date was stored, a
 * year past 9999 refused by the database, and Jackson's array form took {@code []} as no date).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("no-nul-texts").addDeserializer(String.class, new NoNulText()));
        // a modifier, not a deserializer of its own: it wraps the Java time module's, whichever order they came in
        mapper.registerModule(new SimpleModule("dates-in-range").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type == LocalDate.class || type == OffsetDateTime.class ? new DateInRange(deserializer) : deserializer;
            }
        }));
    }

    /** A date or a date and time as the text the API documents, within the dates the API takes. */
    static final class DateInRange extends DelegatingDeserializer {

        DateInRange(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new DateInRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.isExpectedStartArrayToken()) {
                throw JsonMappingException.from(p, "expected a date like 2026-09-30, not an array");
            }
            Object value = super.deserialize(p, ctxt);
            String outside = QueryLists.outsideRange(value instanceof OffsetDateTime time ? time.toLocalDate()
                    : (LocalDate) value);
            if (outside != null) {
                throw JsonMappingException.from(p, outside);
            }
            return value;
        }
    }

    /** Jackson's own reading of a text, refusing U+0000; the error's path names the field. */
    static final class NoNulText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw JsonMappingException.from(p, "holds a NUL character (\\u0000), which cannot be stored");
            }
            return text;
        }
    }
}
