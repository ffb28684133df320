package eu.callmatch.common.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * How request bodies are read: a key given twice in one object is an error (a 400 naming it), not a silent choice
 * between the two values; a text holding a NUL character is an error naming its field, as PostgreSQL cannot store
 * one and would otherwise refuse the whole statement in its own words.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("no-nul-texts").addDeserializer(String.class, new NoNulText()));
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
