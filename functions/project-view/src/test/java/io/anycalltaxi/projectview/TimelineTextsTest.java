package io.anycalltaxi.projectview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;

/** The timeline speaks the member's language: both bundles say every line, each in its own words. */
class TimelineTextsTest {

    private static final Locale KOREAN = Locale.forLanguageTag("ko");

    private final TimelineTexts texts = new TimelineTexts(bundle(), null);

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("project-view-timeline");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TimelineTextsTest.class.getResourceAsStream("/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyEventOfTheViewHasALineInKoreanAndInEnglish() throws IOException {
        Properties english = load("project-view-timeline.properties");
        Properties korean = load("project-view-timeline_ko.properties");
        List<String> keys = Arrays.stream(UpdateTripView.class.getAnnotation(HandlesEvent.class).value())
                .map(type -> "timeline." + type.type().replace("io.anycalltaxi.", "")).toList();

        assertThat(english.stringPropertyNames()).containsAll(keys);
        assertThat(korean.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(korean.stringPropertyNames()).allSatisfy(
                key -> assertThat(korean.getProperty(key)).as(key).isNotEqualTo(english.getProperty(key)));
    }

    @Test
    void aLineIsWrittenWithItsArgumentsInTheMembersLanguage() {
        TripView.Message assigned = new TripView.Message("taxi.assigned", List.of("서울12가3456"));

        assertThat(texts.line(assigned, Locale.ENGLISH)).isEqualTo("Taxi 서울12가3456 is on its way");
        assertThat(texts.line(assigned, KOREAN)).isEqualTo("서울12가3456 택시가 오고 있습니다");
        assertThat(texts.line(new TripView.Message("call.cancelled.fee", List.of("2000", "KRW")), KOREAN))
                .isEqualTo("호출을 취소했습니다. 취소 수수료 2000 KRW");
    }

    @Test
    void anEventWithoutALineShowsItsType() {
        assertThat(texts.line(new TripView.Message(EventType.MEMBER_REGISTERED.type(), List.of()), KOREAN))
                .isEqualTo(EventType.MEMBER_REGISTERED.type());
    }
}
