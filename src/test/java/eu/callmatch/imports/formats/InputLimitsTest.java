package eu.callmatch.imports.formats;

import eu.callmatch.common.config.CallmatchConfig;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The formats' own default caps (for callers without configuration: tests, benchmarks) are the configuration's
 * documented defaults: the two are written in two places, and this keeps them equal.
 */
class InputLimitsTest {

    @Test
    void theDefaultsAreTheConfigurationsDefaults() throws Exception {
        InputLimits configured = new InputLimits(
                Integer.parseInt(byDefault("maxLineLength")),
                Integer.parseInt(byDefault("maxFieldLength")),
                Integer.parseInt(byDefault("maxRecordLength")),
                new MemorySizeConverter().convert(byDefault("maxInflatedEntrySize")).asLongValue(),
                new MemorySizeConverter().convert(byDefault("maxInflatedSize")).asLongValue());
        assertEquals(configured, InputLimits.DEFAULTS);
    }

    private static String byDefault(String method) throws NoSuchMethodException {
        Class<?> imports = null;
        for (Class<?> c : CallmatchConfig.class.getDeclaredClasses()) {
            if (c.getSimpleName().equals("Import")) {
                imports = c;
            }
        }
        return imports.getDeclaredMethod(method).getAnnotation(WithDefault.class).value();
    }
}
