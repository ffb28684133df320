package eu.callmatch.matching.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Call and partner matching ({@code callmatch.matching.*}, see the README). */
@ConfigMapping(prefix = "callmatch.matching")
public interface MatchingConfig {

    /**
     * Countries whose organisations may take part: EU member states and Horizon Europe associated countries
     * (ISO codes).
     */
    List<String> eligibleCountries();

    /** The EU member states among them: a consortium needs at least one. */
    List<String> memberStates();

    Embeddings embeddings();

    /**
     * Rank calls with the learned weights ({@code matching/call-ranker.json}); off, with the hand-set fusion. Read by
     * the call matcher itself.
     */
    @WithDefault("true")
    boolean learnedRanking();

    /**
     * Where the bilingual dictionaries into English are installed (dictd format: Debian's
     * {@code dict-freedict-fra-eng}, {@code -spa-eng}, {@code -deu-eng}, {@code -ita-eng}); a profile in a language
     * without one is matched by its words' English forms only. Read by the call matcher itself.
     */
    @WithDefault("/usr/share/dictd")
    String dictionariesDir();

    /**
     * Where Apertium's language pairs are installed: Catalan profiles use {@code apertium-eng-cat/cat-eng.autobil.bin}
     * (Debian's {@code apertium-eng-cat}), FreeDict having no Catalan dictionary. Read by the call matcher itself.
     */
    @WithDefault("/usr/share/apertium")
    String apertiumDir();

    interface Embeddings {
        /** Semantic matching with sentence embeddings; off, matching is lexical (BM25) only. */
        @WithDefault("true")
        boolean enabled();
    }
}
