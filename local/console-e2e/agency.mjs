// An agency in the web console, in Debian's Chromium driven by playwright-core: an agency admin signs in and
// picks the account, switches to a sub-account and back from the header (by keyboard), sets a login's roles
// across the sub-accounts (refused first while they are logged in there), removes another agency admin from
// every account (refused first, then a job followed to its end); a user changes their email and password and
// signs in with the new one; an invited user accepts the invitation. Every screen is photographed and checked with
// axe-core; any console error, page error, failed request or unexpected HTTP error fails the run.
//   CONSOLE_URL=http://127.0.0.1:3000 SHOTS=target/console-agency-screens node agency.mjs
import { BASE, RUN, Session, call, check, expectText, must } from './session.mjs';

const session = new Session('target/console-agency-screens');
const { problems, axeReport } = session;
let liveSteps = []; // what the removal's status region said, in order
const screen = (page, name) => session.screen(page, name);

async function main() {
  // the agency and two sub-accounts, opened on the local stack's dev route; a second agency admin; Pat in East
  const boss = 'boss-' + RUN;
  const agency = await must(201, call('POST', '/dev/accounts', null, { name: 'Northwind ' + RUN, plan: 'TEAM', paid: true,
    agency: true, ownerUsername: boss, ownerPassword: 'Owner-pass-1' }), 'the agency');
  const east = await must(201, call('POST', '/dev/accounts', null, { name: 'East ' + RUN, plan: 'TEAM', paid: true,
    parentAccountId: agency.accountId, ownerUsername: 'east-' + RUN, ownerPassword: 'Owner-pass-1' }), 'East');
  const west = await must(201, call('POST', '/dev/accounts', null, { name: 'West ' + RUN, plan: 'TEAM', paid: true,
    parentAccountId: agency.accountId, ownerUsername: 'west-' + RUN, ownerPassword: 'Owner-pass-1' }), 'West');
  const nora = await must(201, call('POST', '/dev/agency-admins', null, { agencyAccountId: agency.accountId,
    username: 'nora-' + RUN, password: 'Welcome-2026', displayName: 'Nora Agent' }), 'the second agency admin');
  const pat = await must(201, call('POST', '/users', east.token, { kind: 'INTERNAL', username: 'pat-' + RUN,
    password: 'Welcome-2026', displayName: 'Pat Lane', extension: '201' }), 'Pat');
  // Pat and Nora are logged in on phones in East: what keeps them there until they are logged out
  const patPhone = await must(201, call('POST', '/users/' + pat.userId + '/devices', east.token,
    { kind: 'SOFTPHONE', name: 'Pat laptop' }), 'Pat logged in');
  const noraInEast = await must(201, call('POST', '/sessions', null, { username: 'nora-' + RUN, password: 'Welcome-2026',
    accountId: east.accountId }), 'Nora signed in to East');
  const noraPhone = await must(201, call('POST', '/users/' + nora.userId + '/devices', noraInEast.token,
    { kind: 'DESK_PHONE', name: 'Nora desk' }), 'Nora logged in');

  const { page, close } = await session.open();
  try {
    const heading = name => page.getByRole('heading', { level: 1, name, exact: true });
    const label = name => page.getByLabel(name, { exact: true });
    const button = name => page.getByRole('button', { name, exact: true });
    const who = page.locator('#who-text');
    const provoke = async (statuses, action) => {
      session.allow = statuses;
      session.seen = 0;
      await action();
      session.allow = [];
      check(session.seen === 1, 'one refused request, got ' + session.seen);
    };

    // sign in: the login belongs to three accounts, so the form asks which, naming them
    await page.goto(BASE + '/');
    await heading('Sign in').waitFor();
    check(await page.getByRole('link', { name: 'My account' }).isHidden() && await button('Sign out').isHidden(),
      'no My account or Sign out when signed out');
    await label('Username').fill(boss);
    await label('Password').fill('Owner-pass-1');
    await provoke([400], async () => {
      await button('Sign in').click();
      await expectText(page.locator('.field[data-field=accountId] .field-error'), /pick one of your 3 accounts/,
        'the account picker, its request next to it');
    });
    const picker = label('Account');
    check(await picker.evaluate(el => el === document.activeElement), 'the focus goes to the account picker');
    const options = await picker.locator('option').allInnerTexts();
    check(JSON.stringify(options) === JSON.stringify(['East ' + RUN + ' (agency admin)', 'Northwind ' + RUN + ' (agency admin)',
      'West ' + RUN + ' (agency admin)']), 'the accounts by name: ' + JSON.stringify(options));
    check(!(await button('Sign in').isDisabled()), 'Sign in is not left busy');
    await screen(page, 'account-picker');
    await picker.selectOption({ label: 'Northwind ' + RUN + ' (agency admin)' });
    await button('Sign in').click();
    await heading('Users').waitFor();
    await expectText(who, new RegExp('agency admin of Northwind ' + RUN), 'the header names the account');
    check(await page.evaluate(() => localStorage.length) === 0, 'nothing is kept in localStorage');

    // switch to East from the header, by keyboard alone: Tab to the Account control, type to pick, Tab, Enter
    await heading('Users').focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = await page.evaluate(() => document.activeElement.id === 'account-switch');
    }
    check(reached, 'the Account control is reachable with the keyboard');
    check(await page.evaluate(() => document.activeElement.labels[0].textContent) === 'Account', 'it is labelled Account');
    await page.keyboard.type('East');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.textContent) === 'Switch', 'Switch follows it');
    await page.keyboard.press('Enter');
    await heading('Switch to East ' + RUN).waitFor();
    check(await label('Username').inputValue() === boss, 'the login is given');
    await button('Switch to East ' + RUN).click(); // checked in the page: no request
    await expectText(page.locator('.field[data-field=password] .field-error'), /is required to switch accounts/,
      'an empty password refused next to its field');
    await screen(page, 'switch-account');
    await label('Password').fill('Owner-pass-1');
    await button('Switch to East ' + RUN).click();
    await heading('Users').waitFor();
    await expectText(who, new RegExp('agency admin of East ' + RUN), 'now in East');
    await page.getByRole('cell', { name: 'Pat Lane', exact: true }).waitFor();
    // the Agency screen from a sub-account points to the agency account
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agency', exact: true }).click();
    await heading('Agency').waitFor();
    await page.getByText('a sub-account. Roles across the agency are managed from the agency account.').waitFor();
    await screen(page, 'agency-from-sub-account');
    await page.getByRole('link', { name: 'Switch to Northwind ' + RUN, exact: true }).click();
    await heading('Switch to Northwind ' + RUN).waitFor();
    await label('Password').fill('Owner-pass-1');
    await button('Switch to Northwind ' + RUN).click();
    await heading('Users').waitFor();
    await expectText(who, new RegExp('agency admin of Northwind ' + RUN), 'back in the agency');

    // the Agency screen: every login and its role in each account
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agency', exact: true }).click();
    await heading('Agency').waitFor();
    const row = name => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp('^' + name) }) });
    const cells = async name => (await row(name).getByRole('cell').allTextContents()).slice(0, 3).map(t => t.replace(/\s+/g, ' ').trim());
    check(JSON.stringify(await cells('Pat Lane')) === JSON.stringify(['–not a member', 'user', '–not a member']),
      'Pat: a user of East only: ' + JSON.stringify(await cells('Pat Lane')));
    check(JSON.stringify(await cells('Nora Agent')) === JSON.stringify(['agency admin', 'agency admin', 'agency admin']),
      'Nora: an agency admin everywhere: ' + JSON.stringify(await cells('Nora Agent')));
    await screen(page, 'agency');

    // Pat's roles: out of East and an admin of West; refused while Pat is logged in in East, in words
    await page.getByText('Change the roles of Pat Lane').click();
    const roles = page.getByRole('form', { name: 'Roles of Pat Lane' });
    await roles.getByLabel('East ' + RUN, { exact: true }).selectOption({ label: 'Not a member' });
    await roles.getByLabel('West ' + RUN, { exact: true }).selectOption({ label: 'Admin' });
    await provoke([409], async () => {
      await button('Save roles of Pat Lane').click();
      await expectText(roles.locator('.form-error'), new RegExp('In East ' + RUN + ': Logged in on Pat laptop \\(softphone\\)'),
        'the blocker in words');
    });
    check(!(await button('Save roles of Pat Lane').isDisabled()), 'Save roles is not left busy');
    await screen(page, 'agency-roles-refused');
    await must(204, call('DELETE', '/users/' + pat.userId + '/devices/' + patPhone.deviceId, east.token), 'Pat logged out');
    await button('Save roles of Pat Lane').click();
    await expectText(page.getByRole('status'), /The roles of Pat Lane are saved/, 'the roles saved');
    check(JSON.stringify(await cells('Pat Lane')) === JSON.stringify(['–not a member', '–not a member', 'admin']),
      'Pat: an admin of West only: ' + JSON.stringify(await cells('Pat Lane')));
    const stored = await must(200, call('GET', '/agency/users/' + pat.userId + '/roles', agency.token), 'Pat roles');
    check(JSON.stringify(stored.roles) === JSON.stringify({ [west.accountId]: 'ADMIN' }), 'as stored: ' + JSON.stringify(stored));

    // Nora, an agency admin, out of every account: refused while logged in somewhere, then a job to its end
    await page.getByText('Remove Nora Agent from the agency', { exact: true }).click();
    await provoke([409], async () => {
      await button('Remove Nora Agent from all accounts').click();
      await expectText(page.getByRole('alert'), new RegExp('In East ' + RUN + ': Logged in on Nora desk \\(desk phone\\)'),
        'the refusal in words');
    });
    await screen(page, 'agency-removal-refused');
    await must(204, call('DELETE', '/users/' + nora.userId + '/devices/' + noraPhone.deviceId, noraInEast.token), 'Nora logged out');
    // every text the status region shows on the way, to check each is a step in words
    await page.evaluate(() => {
      window.seenStatus = [];
      new MutationObserver(() => {
        const text = document.getElementById('removal-status')?.textContent;
        if (text && window.seenStatus[window.seenStatus.length - 1] !== text) window.seenStatus.push(text);
      }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
    });
    await button('Try again: remove Nora Agent from all accounts').click();
    const live = page.locator('#removal-status');
    check(await live.getAttribute('role') === 'status', 'the progress is a live status region');
    await expectText(live, new RegExp('Nora Agent is removed from all 3 accounts of the agency'), 'the removal to its end');
    const bar = page.getByRole('progressbar', { name: 'Removal progress' });
    check(await bar.evaluate(p => p.value === p.max && p.max === 4), 'the progress bar full');
    const accountSteps = await page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').evaluateAll(
      items => items.map(li => li.textContent + ':' + li.dataset.state));
    check(accountSteps.length === 3 && accountSteps.every(s => s.endsWith(':done'))
      && accountSteps[2] === 'Northwind ' + RUN + ':done', 'each account done, the agency last: ' + JSON.stringify(accountSteps));
    const seen = await page.evaluate(() => window.seenStatus);
    check(seen.length >= 1 && seen.every(t => /^Removed from [0-3] of 3 accounts; (now (East|West|Northwind) \d+|finishing)\.$/.test(t)
      || /is removed from all 3 accounts/.test(t)), 'the status in words on the way: ' + JSON.stringify(seen));
    liveSteps = seen;
    await page.getByRole('rowheader', { name: /^Nora Agent/ }).waitFor({ state: 'detached' });
    await screen(page, 'agency-removal-done');
    await must(403, call('POST', '/sessions', null, { username: 'nora-' + RUN, password: 'Welcome-2026' }), 'Nora signing in');

    // Pat changes their email and password on My account, and signs in with the new one
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();
    await label('Username').fill('pat-' + RUN);
    await label('Password').fill('Welcome-2026');
    await button('Sign in').click();
    await heading('Users').waitFor();
    await expectText(who, new RegExp('Pat Lane, admin of West ' + RUN), 'Pat in West');
    await page.getByRole('link', { name: 'My account', exact: true }).click();
    await heading('My account').waitFor();
    const emailForm = page.getByRole('form', { name: 'Email' });
    await emailForm.getByLabel('Email', { exact: true }).fill('pat-' + RUN + '@example.com');
    await emailForm.getByLabel('Current password', { exact: true }).fill('Wrong-pass-1');
    await provoke([400], async () => {
      await button('Save email').click();
      await expectText(emailForm.locator('.field[data-field=currentPassword] .field-error'), /does not match the current password/,
        'the wrong current password next to its field');
    });
    check(await emailForm.getByLabel('Current password', { exact: true }).getAttribute('aria-invalid') === 'true', 'marked invalid');
    await emailForm.getByLabel('Current password', { exact: true }).fill('Welcome-2026');
    await button('Save email').click();
    await expectText(page.getByRole('status'), new RegExp('Your email is now pat-' + RUN + '@example.com'), 'the email saved');
    const passwordForm = page.getByRole('form', { name: 'Password' });
    await passwordForm.getByLabel('Current password', { exact: true }).fill('Welcome-2026');
    const fresh = passwordForm.getByLabel('New password', { exact: true });
    await fresh.fill('lower');
    await expectText(passwordForm.locator('.hint'), /Still needs: 8 characters, a digit, an upper-case letter\./, 'the policy as they type');
    await fresh.fill('Lower-case-2');
    await expectText(passwordForm.locator('.hint'), /The password meets the policy\./, 'the policy met');
    await passwordForm.getByLabel('Repeat the new password', { exact: true }).fill('Lower-case-3');
    await button('Change password').click();
    await expectText(passwordForm.locator('.field[data-field=repeat] .field-error'), /does not match the new password/,
      'a mismatch next to the repeat');
    check(!(await button('Change password').isDisabled()), 'Change password is not left busy');
    await screen(page, 'my-account');
    await fresh.fill('short');
    await passwordForm.getByLabel('Repeat the new password', { exact: true }).fill('short');
    await provoke([400], async () => {
      await button('Change password').click();
      await expectText(passwordForm.locator('.field[data-field=password] .field-error'), /must be at least 8 characters/,
        'the API refusal next to the new password');
    });
    await fresh.fill('Lower-case-2');
    await passwordForm.getByLabel('Repeat the new password', { exact: true }).fill('Lower-case-2');
    await button('Change password').click();
    await page.getByText('Your password is changed and every session signed in with the old one has ended.').waitFor();
    await heading('Sign in').waitFor();
    check(await page.evaluate(() => sessionStorage.getItem('cloudphone.token')) === null, 'the old token is dropped');
    await screen(page, 'password-changed');
    await label('Username').fill('pat-' + RUN + '@example.com');
    await label('Password').fill('Welcome-2026');
    await provoke([401], async () => {
      await button('Sign in').click();
      await expectText(page.locator('.form-error'), /Unknown login or wrong password/, 'the old password refused');
    });
    await label('Password').fill('Lower-case-2');
    await button('Sign in').click();
    await heading('Users').waitFor();
    await expectText(who, /Pat Lane, admin of West/, 'signed in with the new password and the new email');
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();

    // an invited user opens the invitation link, sets a password, and is signed in
    const kim = await must(201, call('POST', '/users', east.token, { kind: 'INVITED', email: 'kim-' + RUN + '@example.com',
      displayName: 'Kim Invited' }), 'the invitation');
    check(kim.invitationToken, 'the invitation carries its token');
    // East's admin sees until when Kim's invitation works and sends a new one: only the new link works from then on
    await label('Username').fill('east-' + RUN);
    await label('Password').fill('Owner-pass-1');
    await button('Sign in').click();
    await heading('Users').waitFor();
    await page.goto(BASE + '/#/users/' + kim.userId);
    await heading('Kim Invited').waitFor();
    await expectText(page.getByText(/Their invitation works until/), /until \d/, 'the pending invitation and its end');
    await screen(page, 'invitation-pending');
    await button('Send a new invitation').click();
    await expectText(page.getByRole('status').filter({ hasText: 'new invitation' }),
      /A new invitation for Kim Invited works until/, 'the new invitation announced');
    const link = await page.locator('.invitation-link code').textContent();
    check(link.includes('#/invitation?token=') && !link.includes(encodeURIComponent(kim.invitationToken)),
      'a new link, not the old one: ' + link);
    await screen(page, 'invitation-sent');
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();
    await page.goto(link);
    await heading('Accept your invitation').waitFor();
    check(!page.url().includes('token'), 'the token is taken out of the address bar: ' + page.url());
    await label('Password').fill('Kim-pass-2026');
    await label('Repeat the password').fill('Kim-pass-2026');
    await screen(page, 'invitation');
    await button('Set password and sign in').click();
    await heading('My account').waitFor();
    await expectText(page.getByRole('status'), /Welcome: your password is set and you are signed in/, 'the welcome');
    await expectText(who, new RegExp('Kim Invited, user of East ' + RUN), 'Kim signed in to East');
    await screen(page, 'invitation-accepted');
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();
    await label('Username').fill('kim-' + RUN + '@example.com');
    await label('Password').fill('Kim-pass-2026');
    await button('Sign in').click();
    await heading('Admins only').waitFor();
    await page.getByRole('link', { name: 'My account', exact: true }).first().waitFor();
    // the link cannot be used twice
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(BASE + '/#/invitation?token=' + encodeURIComponent(kim.invitationToken));
    await heading('Accept your invitation').waitFor();
    await label('Password').fill('Kim-pass-2027');
    await label('Repeat the password').fill('Kim-pass-2027');
    await provoke([401], async () => {
      await button('Set password and sign in').click();
      await expectText(page.locator('.form-error'), /The invitation is not valid or was already used/, 'a used invitation');
    });
  } finally {
    await close();
  }
}

await session.finish(main, () => ({ removalStatus: liveSteps }));
