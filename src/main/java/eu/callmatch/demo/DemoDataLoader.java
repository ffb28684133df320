package eu.callmatch.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.calls.CallRepository;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.ImportRunDto;
import eu.callmatch.imports.service.ImportService;
import eu.callmatch.members.MemberRepository;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the demo set shipped in the jar into an empty database: about 200 real calls (Source: European
 * Commission, Funding &amp; Tenders Portal, CC BY 4.0) and 10 fictitious SME members.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final CallmatchConfig config;
    private final ImportService imports;
    private final MemberService memberService;
    private final CallRepository calls;
    private final MemberRepository members;
    private final ObjectMapper json;

    DemoDataLoader(CallmatchConfig config, ImportService imports, MemberService memberService,
                   CallRepository calls, MemberRepository members, ObjectMapper json) {
        this.config = config;
        this.imports = imports;
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
        try {
            // through the import pipeline, so that the demo set is imported like any file (and shows in the history)
            ImportRunDto run;
            try (InputStream in = resource("demo/calls.jsonl")) {
                run = imports.run(new ImportService.Request(ImportFormat.CALLMATCH_JSONL,
                        imports.spool(in, Long.MAX_VALUE), "demo", false));
            }
            int callCount = run.created() + run.updated() + run.unchanged();
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
