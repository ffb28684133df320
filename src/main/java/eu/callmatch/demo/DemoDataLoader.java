package eu.callmatch.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.calls.CallRepository;
import eu.callmatch.calls.rest.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.members.MemberRepository;
import eu.callmatch.members.rest.MemberDto;
import eu.callmatch.members.service.MemberService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads the demo set shipped in the jar into an empty database: about 200 real calls (Source: European
 * Commission, Funding &amp; Tenders Portal, CC BY 4.0) and 10 fictitious SME members.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final CallmatchConfig config;
    private final CallService callService;
    private final MemberService memberService;
    private final CallRepository calls;
    private final MemberRepository members;
    private final ObjectMapper json;

    DemoDataLoader(CallmatchConfig config, CallService callService, MemberService memberService,
                   CallRepository calls, MemberRepository members, ObjectMapper json) {
        this.config = config;
        this.callService = callService;
        this.memberService = memberService;
        this.calls = calls;
        this.members = members;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled() && calls.count() == 0 && members.count() == 0) {
            load();
        }
    }

    /** On when configured so; unset, on exactly when the database is the embedded one. */
    boolean enabled() {
        return config.demoData().orElse(config.embeddedDatabase().active());
    }

    void load() {
        int callCount = 0;
        try (InputStream in = resource("demo/calls.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    callService.upsert(json.readValue(line, CallDto.class));
                    callCount++;
                }
            }
            List<MemberDto> demoMembers;
            try (InputStream m = resource("demo/members.json")) {
                demoMembers = List.of(json.readValue(m, MemberDto[].class));
            }
            demoMembers.forEach(memberService::create);
            LOG.infof("Demo data loaded: %d calls (Source: European Commission, Funding & Tenders Portal) and %d "
                    + "members. Set callmatch.demo-data=false to start empty.", callCount, demoMembers.size());
        } catch (IOException e) {
            throw new UncheckedIOException("The demo data shipped in the jar cannot be read", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The demo data " + name + " is missing from the jar");
        }
        return in;
    }
}
