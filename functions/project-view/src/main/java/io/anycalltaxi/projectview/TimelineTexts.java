package io.anycalltaxi.projectview;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDirectory;

/** The timeline's lines in the member's language, from {@code project-view-timeline*.properties}. */
@Component
class TimelineTexts {

    private final MessageSource messages;
    private final MemberDirectory members;

    TimelineTexts(MessageSource messages, MemberDirectory members) {
        this.messages = messages;
        this.members = members;
    }

    /** The member's language; English for a member not (yet) known here. */
    Locale localeOf(String memberId) {
        Language language = memberId == null ? Language.EN
                : members.find(memberId).map(Member::language).orElse(Language.EN);
        return Locale.forLanguageTag(language.name().toLowerCase(Locale.ROOT));
    }

    String line(TripView.Message message, Locale locale) {
        return messages.getMessage("timeline." + message.key(), message.arguments().toArray(), message.key(), locale);
    }
}
