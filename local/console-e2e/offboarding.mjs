// The seed-003 offboarding, done by an admin in the web console, in Debian's Chromium driven by playwright-core.
// Every screen is photographed and checked with axe-core; any console error, page error, failed request or
// unexpected HTTP error fails the run.
//   CONSOLE_URL=http://127.0.0.1:3000 SHOTS=target/console-screens node offboarding.mjs
import { join } from 'node:path';
import { BASE, RUN, Session, check, expectText } from './session.mjs';

const session = new Session('target/console-screens');
const { problems, axeReport } = session;
const screen = (page, name) => session.screen(page, name);

async function main() {
  // the admin's account: opened on the local stack's dev route, as README's curl session does
  const owner = 'owner-' + RUN;
  const opened = await fetch(BASE + '/dev/accounts', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Jet ' + RUN, plan: 'TEAM', paid: true, ownerUsername: owner, ownerPassword: 'Owner-pass-1' }),
  });
  check(opened.status === 201, 'POST /dev/accounts answered ' + opened.status);

  const { page, close } = await session.open();
  try {
    const heading = name => page.getByRole('heading', { level: 1, name, exact: true });
    const label = name => page.getByLabel(name, { exact: true });
    const button = name => page.getByRole('button', { name, exact: true });
    const go = async link => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
      await heading(link).waitFor();
    };

    // sign in
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await screen(page, 'sign-in');
    await label('Username').fill(owner);
    await label('Password').fill('Owner-pass-1');
    await button('Sign in').click();
    await heading('Users').waitFor();
    check(await page.evaluate(() => localStorage.length) === 0, 'nothing is kept in localStorage');

    // users: a refused one first, its error shown next to the field, then the three of seed 003
    await button('Add user').click();
    await label('Username').fill('jordan-' + RUN);
    await label('Display name').fill('Jordan Lee');
    await label('Password').fill('short');
    await label('Extension').fill('1002');
    session.allow = [400]; // this refusal is the point: its response and Chromium's console line about it
    session.seen = 0;
    await button('Save').click();
    const passwordError = page.locator('.field[data-field=password] .field-error');
    await expectText(passwordError, /must be at least 8 characters/, 'the password error next to its field');
    check(await label('Password').getAttribute('aria-invalid') === 'true', 'the password field is marked invalid');
    check(!(await button('Save').isDisabled()), 'Save is not left busy after an error');
    session.allow = [];
    check(session.seen === 1, 'one refused request, got ' + session.seen);
    await screen(page, 'add-user-error');
    await label('Password').fill('Welcome-2026');
    await button('Save').click();
    await page.getByRole('cell', { name: 'Jordan Lee', exact: true }).waitFor();
    for (const [user, name, ext] of [['alex', 'Alex Kim', '1003'], ['sam', 'Sam (supervisor)', '1009']]) {
      await button('Add user').click();
      await label('Username').fill(user + '-' + RUN);
      await label('Display name').fill(name);
      await label('Password').fill('Welcome-2026');
      await label('Extension').fill(ext);
      await button('Save').click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    check(await page.locator('table tbody tr').count() === 4, 'a row per user (the owner and three)');
    await page.getByText('4 of 25 seats of the team plan used.').waitFor();
    // an invited user: an email instead of a username and password
    await button('Add user').click();
    await label('Invited: they set their own password from an invitation to their email').check();
    check(await label('Password').isHidden(), 'no password for an invited user');
    await label('Email').fill('kim-' + RUN + '@example.com');
    await label('Display name').fill('Kim Invited');
    await button('Save').click();
    await expectText(page.getByRole('status'), /Kim Invited is invited/, 'the invitation announced');
    check(await page.getByRole('row', { name: /Kim Invited/ }).getByRole('cell', { name: 'invited', exact: true }).count() === 1,
      'the invited user listed as invited');
    await screen(page, 'users');

    // numbers: the direct lines, the groups' numbers, and one assigned to Jordan
    await go('Numbers');
    const n = suffix => '+1415' + RUN + suffix;
    for (const suffix of ['100', '102', '109', '201', '202']) {
      await label('Number').fill(n(suffix));
      await button('Add number').click();
      await expectText(page.getByRole('status'), new RegExp('\\' + n(suffix) + ' was added'), 'the number added');
    }
    await label('Assign ' + n('100') + ' to').selectOption({ label: 'Jordan Lee' });
    await button('Assign ' + n('100')).click();
    await expectText(page.getByRole('status'), /is now assigned to Jordan Lee/, 'the number assigned');
    await screen(page, 'numbers');

    // the queue
    await go('Queues');
    await label('Queue name').fill('Demo 1');
    await label('Jordan Lee (1002)').check();
    await label('Alex Kim (1003)').check();
    await button('Create queue').click();
    await page.getByRole('cell', { name: 'Demo 1', exact: true }).waitFor();
    await screen(page, 'queues');

    // the callflows: Jordan's direct line, the supervisor's, two groups that dial Jordan
    await go('Callflows');
    const callflow = async (name, kind, number, users) => {
      await label('Callflow name').fill(name);
      await label('Kind').selectOption(kind);
      await label(number).check();
      if (kind === 'DIRECT') {
        await label('User').selectOption({ label: users[0] });
      } else {
        for (const u of users) await page.getByRole('group', { name: 'Users to dial' }).getByLabel(u, { exact: true }).check();
      }
      await button('Create callflow').click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    };
    await callflow('Direct 1002', 'DIRECT', n('102'), ['Jordan Lee']);
    await callflow('Supervisor', 'DIRECT', n('109'), ['Sam (supervisor)']);
    await callflow('Sales', 'GROUP', n('201'), ['Jordan Lee', 'Alex Kim']);
    await callflow('Support', 'GROUP', n('202'), ['Jordan Lee', 'Sam (supervisor)']);
    await screen(page, 'callflows');

    // three calls of Jordan's, as the phone system reports them (no screen makes calls)
    const ownerToken = (await (await fetch(BASE + '/sessions', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: owner, password: 'Owner-pass-1' }) })).json()).token;
    const users = (await (await fetch(BASE + '/users?limit=100', { headers: { authorization: 'Bearer ' + ownerToken } })).json()).items;
    const jordanId = users.find(u => u.displayName === 'Jordan Lee').userId;
    for (let i = 0; i < 3; i++) {
      const call = await fetch(BASE + '/calls', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + ownerToken },
        body: JSON.stringify({ from: '+1312555010' + i, to: n('102'), userId: jordanId, durationSeconds: 60 + i,
          startedAt: '2026-11-2' + i + 'T15:00:00Z' }) });
      check(call.status === 201, 'POST /calls answered ' + call.status);
    }
    await go('Calls');
    await label('Show calls of').selectOption({ label: 'Jordan Lee' });
    await page.waitForURL(/#\/calls\?userId=/);
    await page.getByRole('cell', { name: '+13125550102', exact: true }).waitFor();
    check(await page.locator('table tbody tr').count() === 3, 'three calls of Jordan');
    await label('Show calls of').selectOption({ label: 'Alex Kim' });
    await page.getByRole('cell', { name: 'No calls.', exact: true }).waitFor();

    // a log longer than a page: 52 older calls of Alex's; the first page holds 50, "Load more calls" brings the rest
    const alexId = users.find(u => u.displayName === 'Alex Kim').userId;
    for (let i = 0; i < 52; i++) {
      const call = await fetch(BASE + '/calls', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + ownerToken },
        body: JSON.stringify({ from: '+13125550200', to: n('103'), userId: alexId, durationSeconds: i,
          startedAt: '2026-10-01T10:' + String(i).padStart(2, '0') + ':00Z' }) });
      check(call.status === 201, 'POST /calls answered ' + call.status);
    }
    await label('Show calls of').selectOption({ label: 'All users' });
    await page.waitForURL(/#\/calls$/);
    await button('Load more calls').waitFor();
    check(await page.locator('table tbody tr').count() === 50, 'the first page of the log: 50 calls');
    await button('Load more calls').click();
    await page.getByText('5 more calls loaded, 55 shown; that is all of them.', { exact: true }).waitFor();
    check(await page.locator('table tbody tr').count() === 55, 'the whole log after Load more: 55 calls');
    check(await button('Load more calls').isHidden(), 'no Load more once the log has ended');
    await screen(page, 'calls-paged');

    // Jordan logs in on a softphone
    await go('Users');
    await page.getByRole('link', { name: 'Jordan Lee', exact: true }).click();
    await heading('Jordan Lee').waitFor();
    // settings: a taken extension is refused next to its field; a timezone is saved
    const settings = page.getByRole('form', { name: 'Settings of Jordan Lee' });
    await settings.getByLabel('Extension', { exact: true }).fill('1003');
    session.allow = [409];
    session.seen = 0;
    await button('Save settings').click();
    await expectText(page.locator('.settings .field[data-field=extension] .field-error'), /Extension 1003 is already in use/,
      'the taken extension next to its field');
    session.allow = [];
    check(session.seen === 1, 'one refused patch, got ' + session.seen);
    await settings.getByLabel('Extension', { exact: true }).fill('1002');
    await settings.getByLabel('Timezone', { exact: true }).selectOption('America/Chicago');
    // business hours: a Saturday that closes before it opens is refused next to Saturday
    await settings.getByLabel('Open on Monday', { exact: true }).check();
    await settings.getByLabel('Open on Saturday', { exact: true }).check();
    await settings.getByLabel('Saturday opens at', { exact: true }).fill('12:00');
    await settings.getByLabel('Saturday closes at', { exact: true }).fill('10:00');
    session.allow = [400];
    session.seen = 0;
    await button('Save settings').click();
    await expectText(settings.locator('.field[data-field="businessHours.SATURDAY"] .field-error'), /open must be before close/,
      'the bad Saturday next to its row');
    session.allow = [];
    check(session.seen === 1, 'one refused business hours, got ' + session.seen);
    await settings.getByLabel('Saturday closes at', { exact: true }).fill('14:00');
    await settings.getByLabel('Lead routing', { exact: true }).check();
    await button('Save settings').click();
    await expectText(settings.getByRole('status'), /Settings of Jordan Lee saved/, 'the settings saved');
    const saved = await (await fetch(BASE + '/users/' + jordanId, { headers: { authorization: 'Bearer ' + ownerToken } })).json();
    const bh = saved.businessHours || {};
    check(saved.timezone === 'America/Chicago' && saved.leadRouting === true && Object.keys(bh).length === 2
      && bh.MONDAY.open === '09:00' && bh.MONDAY.close === '17:00' && bh.SATURDAY.open === '12:00'
      && bh.SATURDAY.close === '14:00', 'the settings as stored: ' + JSON.stringify(saved));
    await label('Device kind').selectOption('SOFTPHONE');
    await label('Device name').fill('Laptop softphone');
    await button('Log in device').click();
    await page.getByRole('button', { name: 'Log out Laptop softphone' }).waitFor();
    await screen(page, 'user');

    // the wizard: every blocker at once
    await button('Delete user').click();
    await heading('Delete Jordan Lee').waitFor();
    const blockers = await page.locator('ul.blockers li').allInnerTexts();
    const want = [/queue Demo 1 with extension 1002/, /Direct line Direct 1002/, /group Sales/, /group Support/,
      new RegExp('Number \\' + n('100')), /Logged in on Laptop softphone \(softphone\)/];
    check(blockers.length === want.length, 'six blockers listed: ' + JSON.stringify(blockers));
    for (const w of want) check(blockers.some(b => w.test(b)), 'blocker ' + w + ' in ' + JSON.stringify(blockers));
    await screen(page, 'wizard');

    // started with no target for the direct line: the refusal is shown next to that choice, nothing starts
    session.allow = [400];
    session.seen = 0;
    await button('Start offboarding').click();
    const targetError = page.locator('.field[data-field^="callflows["][data-field$=".targetCallflowId"] .field-error');
    await expectText(targetError, /is required to MOVE_NUMBERS/, 'the missing target named next to its field');
    check(!(await button('Start offboarding').isDisabled()), 'Start offboarding is not left busy after an error');
    check(await page.getByRole('heading', { name: 'Progress' }).isHidden(), 'no job was started');
    session.allow = [];
    check(session.seen === 1, 'one refused plan, got ' + session.seen);
    await screen(page, 'wizard-error');

    // from the keyboard alone: Tab through the plan, pick the direct line's target by typing, start with Enter
    await heading('Delete Jordan Lee').focus();
    let launched = false;
    for (let i = 0; i < 60 && !launched; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el.tagName, text: el.textContent.trim(), label: el.labels && el.labels[0] ? el.labels[0].textContent : '' };
      });
      if (focused.label === 'Move the numbers of Direct 1002 to') {
        check(await page.evaluate(() => document.activeElement.value) === '', 'no target is chosen for the user');
        await page.keyboard.type('Supervisor');
        check(/^Supervisor/.test(await page.evaluate(() => document.activeElement.selectedOptions[0].textContent)),
          'the target picked by typing');
      } else if (focused.tag === 'BUTTON' && focused.text === 'Start offboarding') {
        await page.keyboard.press('Enter');
        launched = true;
      }
    }
    check(launched, 'the Start offboarding button is reachable with Tab');
    const status = page.getByRole('status');
    await expectText(status, /still logged in on Laptop softphone \(softphone\)/, 'the failure in words');
    const stepState = async text => page.getByRole('list', { name: 'Steps' }).getByRole('listitem')
      .filter({ hasText: text }).getAttribute('data-state');
    check(await stepState('Handling numbers') === 'done', 'the numbers step is done');
    check(await stepState('Deleting the user') === 'failed', 'it stopped at deleting the user');
    await screen(page, 'wizard-failed');

    // log the softphone out from the wizard, retry: it resumes and ends with the purge date
    await button('Log out Laptop softphone').click();
    await page.getByText('Laptop softphone is logged out.').waitFor();
    await button('Retry offboarding').click();
    // 28 days after the stack's clock, which started shortly before this script (a run may cross midnight)
    const day = at => new Date(at + 28 * 86400000).toLocaleString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    await expectText(status, new RegExp('will be purged on (' + day(session.started - 120000) + '|' + day(Date.now()) + ')'),
      'the purge date');
    await page.getByRole('heading', { name: 'What depended on Jordan Lee: all handled' }).waitFor();
    check(await stepState('Deleting the user') === 'done', 'the user is deleted');
    check(await stepState('Purging the personal data') === 'waiting', 'the purge waits for its date');
    await screen(page, 'wizard-done');
    await page.screenshot({ path: join(session.shotsDir, 'readme-console.png') });

    // the jobs: the failed run and the one waiting for the purge
    await go('Jobs');
    await page.getByRole('cell', { name: 'failed', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'user deleted, waiting for the purge', exact: true }).waitFor();
    await screen(page, 'jobs');
    await label('Show jobs that are').selectOption('FAILED');
    await page.waitForURL(/#\/jobs\?status=FAILED$/);
    await page.getByRole('cell', { name: 'user deleted, waiting for the purge', exact: true }).waitFor({ state: 'detached' });
    check(await page.locator('table tbody tr').count() === 1, 'only the failed job');
    await page.getByRole('cell', { name: 'Handling numbers', exact: true }).waitFor();

    await go('Calls');
    check(await page.getByRole('cell', { name: 'Jordan Lee (no longer a user)', exact: true }).count() === 3,
      'the calls stay, with the removed user named as such');
    check(await page.getByLabel('Show calls of', { exact: true }).locator('option', { hasText: 'Jordan Lee' }).count() === 0,
      'a removed user is not in the filter');
    await screen(page, 'calls');
    await go('Users');
    check(await page.getByRole('cell', { name: 'Jordan Lee', exact: true }).count() === 0, 'Jordan is gone from the users');
    check(await page.locator('table tbody tr').count() === 4, 'four users left');
    // what the Direct 1002 select did reach: the direct line's numbers moved to the supervisor's line
    await go('Callflows');
    await page.getByRole('cell', { name: n('102') + ', ' + n('109') }).or(page.getByRole('cell', { name: n('109') + ', ' + n('102') })).waitFor();

    // a group edit: Alex added to Support's dial list makes version 3 (version 2 came from the offboarding);
    // an empty dial list is refused next to the list
    await page.getByText('Edit the dial list of Support').click();
    const support = page.getByRole('form', { name: 'Dial list of Support' });
    for (const box of await support.getByRole('checkbox').all()) await box.uncheck();
    session.allow = [400];
    session.seen = 0;
    await button('Save the dial list of Support').click();
    await expectText(support.locator('.field-error'), /^Users the group Support dials: a group needs at least one user to dial/, 'the empty dial list refused');
    session.allow = [];
    check(session.seen === 1, 'one refused group edit, got ' + session.seen);
    await support.getByLabel('Alex Kim', { exact: true }).check();
    await support.getByLabel('Sam (supervisor)', { exact: true }).check();
    await button('Save the dial list of Support').click();
    await expectText(page.getByRole('status'), /The dial list of Support is saved as version 3/, 'the new version');
    await button('Delete version 2 of Support').click();
    await expectText(page.getByRole('status'), /Version 2 of Support was deleted/, 'the old version deleted');

    // the rest of the callflow and queue actions: reassign a group's numbers, delete it once it is available
    await label('Move the numbers of Sales to').selectOption({ label: 'Support' });
    await button('Reassign Sales').click();
    await expectText(page.getByRole('status'), /The numbers of Sales moved/, 'the reassignment');
    await button('Delete Sales').click();
    await expectText(page.getByRole('status'), /Sales was deleted/, 'the deletion');
    check(await page.getByRole('cell', { name: 'Sales', exact: true }).count() === 0, 'Sales is gone');
    await screen(page, 'callflows-after');
    await go('Queues');
    await button('Remove Alex Kim from Demo 1').click();
    await expectText(page.getByRole('status'), /Alex Kim left the queue Demo 1/, 'the member removed');
    await page.getByRole('cell', { name: 'No members', exact: true }).waitFor();

    // a token past its expiry sends the admin back to sign in, saying why; signing out does too
    await page.evaluate(() => {
      const t = sessionStorage.getItem('cloudphone.token').split('.');
      const claims = JSON.parse(atob(t[1].replace(/-/g, '+').replace(/_/g, '/')));
      claims.exp = 1;
      t[1] = btoa(JSON.stringify(claims)).replace(/=+$/, '');
      sessionStorage.setItem('cloudphone.token', t.join('.'));
    });
    await page.reload();
    await page.getByText('Your session has expired. Sign in again.').waitFor();
    check(await page.getByRole('navigation', { name: 'Main' }).isHidden(), 'no navigation when signed out');
    await label('Username').fill(owner);
    await label('Password').fill('Owner-pass-1');
    await button('Sign in').click();
    await heading('Users').waitFor();
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();
    check(await page.evaluate(() => sessionStorage.getItem('cloudphone.token')) === null, 'the token is gone');

    // a plain user is told the console is for admins, and can sign out again
    await label('Username').fill('alex-' + RUN);
    await label('Password').fill('Welcome-2026');
    await button('Sign in').click();
    await heading('Admins only').waitFor();
    check(await page.getByRole('navigation', { name: 'Main' }).isHidden(), 'no navigation for a user');
    await screen(page, 'user-signed-in');
    await button('Sign out').click();
    await page.getByText('You have signed out.').waitFor();

    // a newcomer on the local stack opens a test account from the sign-in page
    await page.getByText('No account yet? Open a test account (local stack only)').click();
    await label('Account name').fill('Newcomer ' + RUN);
    await label('Plan').selectOption('SOLO');
    await label('Owner username').fill('newcomer-' + RUN);
    await label('Owner password').fill('Newcomer-pass-1');
    await button('Open account').click();
    await heading('Users').waitFor();
    await page.getByText('1 of 2 seats of the solo plan used.').waitFor();
    check(await page.locator('table tbody tr').count() === 1, 'the new account has its owner only');
  } finally {
    await close();
  }
}

await session.finish(main);
