// The sign-in screen: the form, the account picker a login of several accounts is asked for, and on the local stack
// a way to open a test account (POST /dev/accounts; AWS has no such route).
import { ApiError, api, devRoutes, setToken } from '../api.js';
import { field, form, h, input, roleName, select } from '../ui.js';

/** The accounts a sign-in refusal offers (POST /sessions answers 400 with one entry per account it may enter). */
function accountChoices(error) {
  return (error && error.details || []).filter(d => d && d.accountId && d.name && d.role && !d.field);
}

/**
 * The sign-in form's account picker, added the first time POST /sessions asks which account; the refusal is put
 * in words next to it (the API names the accounts by id only in its accountId problem).
 */
function accountPicker(slot, error) {
  const choices = accountChoices(error);
  if (!choices.length) return error;
  if (!slot.firstChild) {
    slot.append(field('Account', select('accountId', choices.map(c => [c.accountId, c.name + ' (' + roleName(c.role) + ')'])), {
      hint: 'This login belongs to ' + choices.length + ' accounts: pick the one to manage.' }));
  }
  return new ApiError(error.status, error.code, 'Your login belongs to several accounts: pick one, then sign in.',
    [{ field: 'accountId', message: 'pick one of your ' + choices.length + ' accounts' }]);
}

/** `reason` says why they are here (signed out, expired), if anything; `rerender` draws the screen once signed in. */
export function signInScreen(reason, rerender) {
  const accountSlot = h('div');
  const signIn = form({ 'aria-labelledby': 'sign-in-title' }, [
    field('Username', input('username', { autocomplete: 'username', required: true }), {
      hint: 'Your username, or the email address you were invited with.' }),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    accountSlot,
    h('button', { type: 'submit' }, 'Sign in'),
  ], async data => {
    const login = String(data.get('username') || '').trim();
    const body = { password: String(data.get('password') || '') };
    body[login.includes('@') ? 'email' : 'username'] = login;
    if (data.get('accountId')) body.accountId = data.get('accountId');
    try {
      const session = await api('POST', '/sessions', body);
      setToken(session.token);
    } catch (e) {
      throw accountPicker(accountSlot, e);
    }
    location.hash = '#/users';
    rerender();
  });

  function localAccountForm() {
    const f = form({}, [
      h('p', {}, 'The local stack can open a fresh account for you to try the console with.'),
      field('Account name', input('name', { value: 'Acme' })),
      field('Plan', select('plan', [['TEAM', 'Team (up to 25 users)'], ['SOLO', 'Solo (owner and one user)'],
        ['FREE', 'Free (owner only)']])),
      field('Owner username', input('ownerUsername', { autocomplete: 'off' })),
      field('Owner password', input('ownerPassword', { type: 'password', autocomplete: 'new-password' }), {
        hint: 'At least 8 characters, with a digit, a lower-case and an upper-case letter.' }),
      h('button', { type: 'submit' }, 'Open account'),
    ], async data => {
      const answer = await api('POST', '/dev/accounts', {
        name: data.get('name'), plan: data.get('plan'), paid: data.get('plan') !== 'FREE',
        ownerUsername: data.get('ownerUsername'), ownerPassword: data.get('ownerPassword'),
      });
      setToken(answer.token);
      location.hash = '#/users';
      rerender();
    });
    return h('details', { class: 'local' }, h('summary', {}, 'No account yet? Open a test account (local stack only)'), f);
  }

  const page = h('section', { class: 'narrow' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    reason ? h('p', { class: 'notice', role: 'status' }, reason) : null,
    signIn);
  if (devRoutes) page.append(localAccountForm());
  return page;
}
