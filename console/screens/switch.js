// #/switch/{accountId}: a token speaks for one account and the API has no token exchange, so switching is a new
// sign-in to the other account, with the password once more.
import { api, refuse, setToken } from '../api.js';
import { field, form, h, input, roleName } from '../ui.js';

function loginOf(me) {
  return me.user.username ? { username: me.user.username } : { email: me.user.email };
}

export function switchScreen(me, accountId, signedIn) {
  const target = (me.accounts || []).find(a => a.accountId === accountId);
  if (!target) {
    return h('section', { class: 'narrow' }, h('h1', {}, 'No such account'),
      h('p', {}, 'Your login is not a member of that account.'), h('p', {}, h('a', { href: '#/users' }, 'Go to Users')));
  }
  const name = target.name || target.accountId;
  const login = loginOf(me);
  const f = form({ 'aria-labelledby': 'switch-title' }, [
    field('Username', input('username', { autocomplete: 'username', readonly: true, value: login.username || login.email })),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password' }), {
      hint: 'A session speaks for one account: switching signs you in again, to ' + name + '.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Switch to ' + name),
      h('a', { href: '#/users' }, 'Stay in ' + (me.accountName || me.accountId))),
  ], async data => {
    const password = String(data.get('password') || '');
    if (!password) throw refuse('password', 'is required to switch accounts');
    const session = await api('POST', '/sessions', { ...login, password, accountId });
    setToken(session.token);
    signedIn('#/users');
  });
  return h('section', { class: 'narrow' },
    h('h1', { id: 'switch-title' }, 'Switch to ' + name),
    h('p', {}, 'You are signed in to ' + (me.accountName || me.accountId) + ' as ' + me.user.displayName + '; in '
      + name + ' you are ' + roleName(target.role) + '.'),
    f);
}
