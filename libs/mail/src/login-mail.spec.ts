import { LOGIN_MAIL_TEXTS, LoginMail } from './login-mail';

describe('LoginMail', () => {
  const mail = new LoginMail();
  const url = 'https://kierto.example/login/abc';

  it.each([
    ['fi', 'Kirjautumislinkki Kiertoon', 'Linkki toimii 10 minuuttia ja vain kerran.'],
    ['sv', 'Inloggningslänk till Kierto', 'Länken fungerar i 10 minuter och bara en gång.'],
    ['en', 'Your login link for Kierto', 'The link works for 10 minutes and only once.'],
  ] as const)('renders %s in html and text', (lang, subject, validity) => {
    const out = mail.render({ displayName: 'Åsa <Ö>', preferredLanguage: lang }, url, 10);
    expect(out.subject).toBe(subject);
    expect(out.text).toContain(validity);
    expect(out.text).toContain(url);
    expect(out.text).toContain('Åsa <Ö>,');
    expect(out.html).toContain(`href="${url}"`);
    expect(out.html).toContain('Åsa &lt;Ö&gt;');
    expect(out.html).toContain(`<html lang="${lang}">`);
  });

  it('has the same keys in every language', () => {
    const keys = Object.keys(LOGIN_MAIL_TEXTS.fi).sort();
    expect(Object.keys(LOGIN_MAIL_TEXTS.sv).sort()).toEqual(keys);
    expect(Object.keys(LOGIN_MAIL_TEXTS.en).sort()).toEqual(keys);
  });
});
