package eu.callmatch.workflow.service;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The digest's words, in English; {@link Fr} and {@link Es} translate them. The call data (titles, change notes,
 * the matching's reasons) stays as the sources and the matcher write it.
 */
@MessageBundle(value = "digest", locale = "en")
public interface DigestMessages {

    @Message("Funding calls for {name}, {date}")
    String title(String name, String date);

    @Message("Funding calls for {name}: {alerts} new or changed, {deadlines} deadlines coming")
    String subject(String name, int alerts, int deadlines);

    @Message("No new or changed calls for you.")
    String noAlerts();

    @Message("New and changed calls ({count})")
    String alertsHeading(int count);

    @Message("Why: {reasons}")
    String why(String reasons);

    @Message("Coming deadlines of calls you go on with")
    String deadlinesHeading();

    @Message("no deadline ahead")
    String noDeadline();

    @Message("deadline {date} (today)")
    String deadlineToday(String date);

    @Message("deadline {date} (in 1 day)")
    String deadlineTomorrow(String date);

    @Message("deadline {date} (in {days} days)")
    String deadlineIn(String date, long days);

    @Message("new call")
    String newCall();

    @Message("deadline changed")
    String deadlineChanged();

    @Message("status opened")
    String statusOpened();

    @Message("budget changed")
    String budgetChanged();

    @Message("You receive this digest because your helpdesk subscribed you to it.")
    String footer();

    @Message("Unsubscribe")
    String unsubscribe();

    @Message("Calls your saved searches found, {date}")
    String hitsTitle(String date);

    @Message("Your saved searches found {count} new or changed {#if count == 1}call{#else}calls{/if}")
    String hitsSubject(int count);

    @Message("Found by your saved searches ({count})")
    String hitsHeading(int count);

    @Message("found by your saved search: {search}")
    String foundBy(String search);

    @Message("You receive this because your saved searches send their new hits by e-mail; a search whose digest is "
            + "false does not.")
    String hitsFooter();

    @Localized("fr")
    interface Fr extends DigestMessages {
        @Override
        @Message("Appels à projets pour {name}, {date}")
        String title(String name, String date);

        @Override
        @Message("Appels à projets pour {name} : {alerts} nouveaux ou modifiés, {deadlines} échéances à venir")
        String subject(String name, int alerts, int deadlines);

        @Override
        @Message("Aucun appel nouveau ou modifié pour vous.")
        String noAlerts();

        @Override
        @Message("Appels nouveaux et modifiés ({count})")
        String alertsHeading(int count);

        @Override
        @Message("Pourquoi : {reasons}")
        String why(String reasons);

        @Override
        @Message("Prochaines échéances des appels que vous poursuivez")
        String deadlinesHeading();

        @Override
        @Message("aucune échéance à venir")
        String noDeadline();

        @Override
        @Message("échéance le {date} (aujourd'hui)")
        String deadlineToday(String date);

        @Override
        @Message("échéance le {date} (dans 1 jour)")
        String deadlineTomorrow(String date);

        @Override
        @Message("échéance le {date} (dans {days} jours)")
        String deadlineIn(String date, long days);

        @Override
        @Message("nouvel appel")
        String newCall();

        @Override
        @Message("échéance modifiée")
        String deadlineChanged();

        @Override
        @Message("appel ouvert")
        String statusOpened();

        @Override
        @Message("budget modifié")
        String budgetChanged();

        @Override
        @Message("Vous recevez ce résumé parce que votre helpdesk vous y a abonné.")
        String footer();

        @Override
        @Message("Se désabonner")
        String unsubscribe();

        @Override
        @Message("Appels trouvés par vos recherches enregistrées, {date}")
        String hitsTitle(String date);

        @Override
        @Message("Vos recherches enregistrées ont trouvé {count} {#if count == 1}appel nouveau ou modifié{#else}appels nouveaux ou modifiés{/if}")
        String hitsSubject(int count);

        @Override
        @Message("Trouvés par vos recherches enregistrées ({count})")
        String hitsHeading(int count);

        @Override
        @Message("trouvé par votre recherche enregistrée : {search}")
        String foundBy(String search);

        @Override
        @Message("Vous recevez ce message parce que vos recherches enregistrées envoient leurs nouveaux résultats par "
                + "e-mail ; une recherche dont digest vaut false ne le fait pas.")
        String hitsFooter();
    }

    @Localized("es")
    interface Es extends DigestMessages {
        @Override
        @Message("Convocatorias para {name}, {date}")
        String title(String name, String date);

        @Override
        @Message("Convocatorias para {name}: {alerts} nuevas o modificadas, {deadlines} plazos próximos")
        String subject(String name, int alerts, int deadlines);

        @Override
        @Message("No hay convocatorias nuevas ni modificadas para usted.")
        String noAlerts();

        @Override
        @Message("Convocatorias nuevas y modificadas ({count})")
        String alertsHeading(int count);

        @Override
        @Message("Por qué: {reasons}")
        String why(String reasons);

        @Override
        @Message("Próximos plazos de las convocatorias que sigue")
        String deadlinesHeading();

        @Override
        @Message("sin plazo pendiente")
        String noDeadline();

        @Override
        @Message("plazo el {date} (hoy)")
        String deadlineToday(String date);

        @Override
        @Message("plazo el {date} (en 1 día)")
        String deadlineTomorrow(String date);

        @Override
        @Message("plazo el {date} (en {days} días)")
        String deadlineIn(String date, long days);

        @Override
        @Message("nueva convocatoria")
        String newCall();

        @Override
        @Message("plazo modificado")
        String deadlineChanged();

        @Override
        @Message("convocatoria abierta")
        String statusOpened();

        @Override
        @Message("presupuesto modificado")
        String budgetChanged();

        @Override
        @Message("Recibe este resumen porque su helpdesk le suscribió.")
        String footer();

        @Override
        @Message("Darse de baja")
        String unsubscribe();

        @Override
        @Message("Convocatorias encontradas por sus búsquedas guardadas, {date}")
        String hitsTitle(String date);

        @Override
        @Message("Sus búsquedas guardadas encontraron {count} {#if count == 1}convocatoria nueva o modificada{#else}convocatorias nuevas o modificadas{/if}")
        String hitsSubject(int count);

        @Override
        @Message("Encontradas por sus búsquedas guardadas ({count})")
        String hitsHeading(int count);

        @Override
        @Message("encontrada por su búsqueda guardada: {search}")
        String foundBy(String search);

        @Override
        @Message("Recibe este mensaje porque sus búsquedas guardadas envían sus nuevos resultados por correo; una "
                + "búsqueda con digest en false no lo hace.")
        String hitsFooter();
    }
}
