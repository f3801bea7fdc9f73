import { StandingTopic } from '@kierto/minutes/standing-topic.entity';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import {
  CoordinatorGrant,
  Person,
  RotationSlot,
  Series,
  SeriesCoordinator,
  SeriesMembership,
  Unit,
  UnitBlackout,
} from '@kierto/network';

export const DEMO_COORDINATOR_EMAIL = 'koordinaattori@demo.kierto.invalid';

/**
 * A small demo network: one series, four units (names of the pilot's kinds of hosts, made-up
 * addresses), a coordinator, staff and service users under pseudonyms. All addresses use the
 * reserved .invalid domain so nothing is ever delivered to a real person.
 */
export async function seedDemo(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.transaction(async (em) => {
      const series = await em.save(
        em.create(Series, {
          name: 'Kiertävä kokous – Helsinki',
          timezone: 'Europe/Helsinki',
          cadenceMonths: 1,
          dayRuleNth: 2,
          dayRuleWeekday: 2,
          startTime: '14:00',
          durationMinutes: 120,
          defaultLanguage: 'fi',
          invitationLeadDays: 21,
          reminderDays: [7, 1],
          setupCompletedAt: new Date(),
          setupStep: 6,
        }),
      );
      const units = await em.save(
        [
          [
            'A-klinikka, korvaushoitopoliklinikka',
            'Esimerkkikatu 1, 00500 Helsinki',
            'Esteetön sisäänkäynti pihan puolelta.',
          ],
          ['Sovatek, päihdepalvelut', 'Mallitie 12, 40100 Jyväskylä', 'Hissi toiseen kerrokseen.'],
          ['Tukikohta ry', 'Harjoituskuja 3, 00530 Helsinki', 'Kynnyksetön katutaso.'],
          ['Helsingin Diakonissalaitos, terveysasema', 'Koekatu 7, 00550 Helsinki', null],
        ].map(([name, streetAddress, accessibilityNotes], i) =>
          em.create(Unit, {
            name: name as string,
            streetAddress: streetAddress as string,
            accessibilityNotes,
            contactEmail: `yksikko${i + 1}@demo.kierto.invalid`,
            active: true,
          }),
        ),
      );
      for (const [position, unit] of units.entries()) {
        await em.insert(RotationSlot, { seriesId: series.id, unitId: unit.id, position, credit: 0 });
      }
      await em.insert(UnitBlackout, {
        unitId: units[2].id,
        startsOn: `${new Date().getFullYear() + 1}-07-01`,
        endsOn: `${new Date().getFullYear() + 1}-07-31`,
        reason: 'Kesäsulku',
      });
      const coordinator = await em.save(
        em.create(Person, {
          displayName: 'Demo Koordinaattori',
          email: DEMO_COORDINATOR_EMAIL,
          emailNormalized: DEMO_COORDINATOR_EMAIL,
          kind: 'staff',
          homeUnitId: units[0].id,
          preferredLanguage: 'fi',
        }),
      );
      await em.insert(CoordinatorGrant, { personId: coordinator.id });
      await em.insert(SeriesCoordinator, { seriesId: series.id, personId: coordinator.id });
      // A coordinator is a member of their meetings (invited, counted, present).
      await em.insert(SeriesMembership, { seriesId: series.id, personId: coordinator.id });
      const people: Partial<Person>[] = [
        {
          displayName: 'Hoitaja Anna',
          email: 'anna@demo.kierto.invalid',
          kind: 'staff',
          homeUnitId: units[0].id,
        },
        {
          displayName: 'Sosiaaliohjaaja Erik',
          email: 'erik@demo.kierto.invalid',
          kind: 'staff',
          homeUnitId: units[1].id,
          preferredLanguage: 'sv',
        },
        {
          displayName: 'Nurse Sam',
          email: 'sam@demo.kierto.invalid',
          kind: 'staff',
          homeUnitId: units[2].id,
          preferredLanguage: 'en',
        },
        {
          displayName: 'Mikko',
          email: 'mikko@demo.kierto.invalid',
          kind: 'service_user',
          emailConsentAt: '2026-11-01',
          emailConsentMethod: 'written',
        },
        { displayName: 'Tiina', email: 'tiina@demo.kierto.invalid', kind: 'service_user' },
        { displayName: 'J.', email: null, kind: 'service_user' },
      ];
      const saved = [coordinator];
      for (const p of people) {
        saved.push(
          await em.save(
            em.create(Person, {
              preferredLanguage: 'fi',
              ...p,
              emailNormalized: p.email ? p.email.toLowerCase() : null,
              createdById: coordinator.id,
            }),
          ),
        );
      }
      for (const p of saved)
        await em.insert(SeriesMembership, { seriesId: series.id, personId: p.id, active: true });
      // The standing topics the pilot's service users asked for: every new agenda starts with them.
      for (const [position, title, description] of [
        [1, 'Seulakäytännöt', 'Miten seulat tehdään eri yksiköissä, ja miten niistä kerrotaan.'],
        [2, 'Lomaoikeudet ja kotiannokset', 'Loma-ajan ja kotiin annettavien annosten käytännöt.'],
        [3, 'Ideoita hoidon parantamiseksi', 'Palvelun käyttäjien ja henkilöstön ehdotukset.'],
      ] as const) {
        await em.insert(StandingTopic, {
          seriesId: series.id,
          title,
          description,
          position,
          timeBoxMinutes: 20,
        });
      }
    });
  } finally {
    await ds.destroy();
  }
}
