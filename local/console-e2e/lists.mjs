// A crowded account in the web console, in Debian's Chromium driven by playwright-core: the users list shows its
// first page with "Load more users"; a search finds a user on a page not loaded yet; a user added while the answer
// is lost on the way back is sent once more with the same Idempotency-Key, made once and listed once, also after
// the rest of the list is loaded. Every screen is photographed and checked with axe-core; any console error, page
// error, failed request or unexpected HTTP error fails the run.
//   CONSOLE_URL=http://127.0.0.1:3000 SHOTS=target/console-lists-screens node lists.mjs
import { BASE, RUN, Session, call, check, must } from './session.mjs';

const session = new Session('target/console-lists-screens');
const screen = (page, name) => session.screen(page, name);
const MEMBERS = 60; // more than the console's first page of 50
const lost = { firstStatus: null, firstKey: null, retryKeys: [] };

async function main() {
  const owner = 'crowd-' + RUN;
  const account = await must(201, call('POST', '/dev/accounts', null, { name: 'Crowd ' + RUN, plan: 'TEAM', paid: true,
    ownerUsername: owner, ownerPassword: 'Owner-pass-1' }), 'the account');
  const raised = await call('POST', '/dev/billing-events', null, { detailType: 'SeatsChanged',
    detail: { accountId: account.accountId, seatLimit: MEMBERS + 10 } });
  check(raised.status < 300, 'the seat limit raised: ' + raised.status + ' ' + JSON.stringify(raised.body));
  for (let i = 0; i < MEMBERS; i++) {
    await must(201, call('POST', '/users', account.token, { kind: 'INTERNAL', username: owner + '-' + i,
      password: 'Welcome-2026', displayName: 'Member ' + String(i).padStart(2, '0'), extension: String(3000 + i) }),
    'member ' + i);
  }

  const { page, close } = await session.open();
  try {
    const heading = name => page.getByRole('heading', { level: 1, name, exact: true });
    const label = name => page.getByLabel(name, { exact: true });
    const button = name => page.getByRole('button', { name, exact: true });
    const rows = () => page.locator('table tbody tr');
    const names = async () => (await page.locator('table tbody tr td:first-child').allInnerTexts()).map(t => t.trim());

    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await label('Username').fill(owner);
    await label('Password').fill('Owner-pass-1');
    await button('Sign in').click();
    await heading('Users').waitFor();
    await page.getByText(MEMBERS + 1 + ' of ' + (MEMBERS + 10) + ' seats of the team plan used.').waitFor();
    check(await rows().count() === 50, 'the first page: 50 rows, got ' + await rows().count());
    check(await button('Load more users').isVisible(), 'more users to load');
    await screen(page, 'users-first-page');

    // the search covers the users not loaded yet
    const shown = new Set(await names());
    const absent = Array.from({ length: MEMBERS }, (_, i) => 'Member ' + String(i).padStart(2, '0'))
      .find(n => !shown.has(n));
    check(absent, 'a member not on the first page');
    await label('Search users').fill(absent);
    await page.getByRole('cell', { name: absent, exact: true }).waitFor();
    check(await rows().count() === 1, 'the search shows just ' + absent + ': ' + JSON.stringify(await names()));
    check(await button('Load more users').isHidden(), 'the search loaded every page');
    await screen(page, 'users-search');
    await label('Search users').fill('');
    check(await rows().count() === MEMBERS + 1, 'every user once: ' + await rows().count());

    // a user added while the answer is lost: the write reaches the API, the browser never hears back
    await page.reload();
    await heading('Users').waitFor();
    check(await rows().count() === 50, 'the first page again');
    await page.route(BASE + '/users', async route => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      if (lost.firstKey === null) {
        lost.firstKey = request.headers()['idempotency-key'] || '';
        const answer = await route.fetch();
        lost.firstStatus = answer.status();
        return route.abort('connectionreset');
      }
      lost.retryKeys.push(request.headers()['idempotency-key'] || '');
      return route.continue();
    });
    session.losing = true;
    await button('Add user').click();
    await label('Username').fill(owner + '-late');
    await label('Display name').fill('Late Arrival');
    await label('Password').fill('Welcome-2026');
    await label('Extension').fill('3999');
    await button('Save').click();
    await page.getByText('Added Late Arrival.').waitFor();
    session.losing = false;
    await page.unroute(BASE + '/users');
    check(lost.firstStatus === 201, 'the first attempt made the user: ' + lost.firstStatus);
    check(session.lost === 1, 'one request lost on purpose, got ' + session.lost);
    check(lost.firstKey.startsWith('console-') && lost.retryKeys.length === 1 && lost.retryKeys[0] === lost.firstKey,
      'the retry carried the same key: ' + JSON.stringify(lost));
    check((await names()).filter(n => n === 'Late Arrival').length === 1, 'Late Arrival listed once');
    await page.getByText(MEMBERS + 2 + ' of ' + (MEMBERS + 10) + ' seats of the team plan used.').waitFor();
    // the rest of the list, loaded after the add, does not list the new user a second time
    while (await button('Load more users').isVisible()) {
      const before = await rows().count();
      await button('Load more users').click();
      await page.waitForFunction(n => document.querySelectorAll('table tbody tr').length > n, before);
    }
    const all = await names();
    check(all.length === MEMBERS + 2 && all.filter(n => n === 'Late Arrival').length === 1,
      'every user once after loading the rest: ' + all.length + ' rows, Late Arrival ' + all.filter(n => n === 'Late Arrival').length);
    await screen(page, 'users-all-pages');
    // the same rule on the list itself, where the order is fixed: an item added here and then met on a later page
    const order = await page.evaluate(async () => {
      const { paged } = await import('/api.js');
      const real = window.fetch;
      window.fetch = async url => new Response(JSON.stringify(String(url).includes('cursor=')
        ? { items: [{ userId: 'u_2' }, { userId: 'u_3' }], nextCursor: null }
        : { items: [{ userId: 'u_1' }], nextCursor: 'next' }), { status: 200 });
      try {
        const list = await paged('/users', 1, u => u.userId);
        list.add({ userId: 'u_3' });
        const more = await list.more();
        return { items: list.items.map(u => u.userId), more: more.map(u => u.userId) };
      } finally {
        window.fetch = real;
      }
    });
    check(JSON.stringify(order) === JSON.stringify({ items: ['u_1', 'u_3', 'u_2'], more: ['u_2'] }),
      'an added item is not listed again when its page comes: ' + JSON.stringify(order));
    const stored = await must(200, call('GET', '/users?limit=100', account.token), 'the users as stored');
    check(stored.items.filter(u => u.displayName === 'Late Arrival').length === 1, 'made once in the API');
  } finally {
    await close();
  }
}

await session.finish(main, () => ({ lostAnswer: lost }));
