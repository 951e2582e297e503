// The Agency screen (agency admins, on the agency account): every login of the agency with its role in each
// account (GET /agency/users), a login's roles across the sub-accounts (PUT /agency/users/{id}/roles), and the
// removal of a login from every account at once, a job followed live (DELETE /agency/users/{id}, GET /jobs/{id}).
import { ApiError, api, enc } from '../api.js';
import { busy, field, flash, form, formError, h, roleName, select, showFlash } from '../ui.js';
import { describeBlocker } from './wizard.js';

/** A refusal in words; the blockers of an agency removal come per account ({accountId, blockers}). */
function inWords(error, accountName) {
  const parts = [error.message && !/[.!?]$/.test(error.message) ? error.message + '.' : error.message];
  for (const d of error.details || []) {
    if (d && d.accountId && Array.isArray(d.blockers)) {
      parts.push('In ' + accountName(d.accountId) + ': ' + d.blockers.map(describeBlocker).join('; ') + '.');
    } else if (d && d.field) {
      parts.push(d.field + ': ' + d.message + '.');
    } else if (d && d.message) {
      parts.push(d.message);
    }
  }
  return parts.filter(Boolean).join(' ');
}

export async function agencyScreen(me, stillHere, rerender) {
  if (me.user.role !== 'AGENCY_ADMIN') {
    return h('section', { class: 'narrow' }, h('h1', {}, 'Agency'),
      h('p', {}, 'Only agency admins manage logins across an agency.'));
  }
  if (me.parentAccountId) {
    const agency = (me.accounts || []).find(a => a.accountId === me.parentAccountId);
    return h('section', { class: 'narrow' }, h('h1', {}, 'Agency'),
      h('p', {}, 'You are signed in to ' + (me.accountName || me.accountId) + ', a sub-account. Roles across the agency'
        + ' are managed from the agency account.'),
      h('p', {}, h('a', { href: '#/switch/' + enc(me.parentAccountId) },
        'Switch to ' + (agency && agency.name ? agency.name : 'the agency account'))));
  }
  const data = await api('GET', '/agency/users');
  const accounts = data.accounts;
  const subs = accounts.filter(a => !a.agency);
  const names = Object.fromEntries(accounts.map(a => [a.accountId, a.name]));
  const accountName = id => names[id] || id;
  const agency = accounts.find(a => a.agency);
  const status = h('p', { role: 'status', class: 'announce' });
  showFlash(status);
  const jobSlot = h('div');

  const rolesForm = u => {
    const f = form({ 'aria-label': 'Roles of ' + u.displayName }, [
      h('fieldset', { class: 'field' },
        h('legend', {}, 'Role of ' + u.displayName + ' in each sub-account'),
        subs.map(a => {
          const choose = select('roles.' + a.accountId, [['', 'Not a member'], ['USER', 'User'], ['ADMIN', 'Admin']]);
          choose.value = u.roles[a.accountId] || '';
          return field(a.name, choose);
        })),
      h('p', { class: 'hint' }, 'Leaving an account is like a deletion there: refused while anything depends on them.'),
      h('button', { type: 'submit', class: 'secondary' }, 'Save roles of ' + u.displayName),
    ], async formData => {
      const roles = {};
      for (const a of subs) {
        const role = formData.get('roles.' + a.accountId);
        if (role) roles[a.accountId] = role;
      }
      try {
        await api('PUT', '/agency/users/' + enc(u.userId) + '/roles', { roles });
      } catch (e) {
        // field problems (roles.<accountId>) go next to their account; blockers per account are put in words
        if (e && (e.details || []).some(d => d && Array.isArray(d.blockers))) {
          throw new ApiError(e.status, e.code, inWords(e, accountName), []);
        }
        throw e;
      }
      flash('The roles of ' + u.displayName + ' are saved.');
      rerender();
    });
    return h('details', {}, h('summary', {}, 'Change the roles of ' + u.displayName), f);
  };

  const removal = u => {
    const problem = formError();
    const go = h('button', { type: 'button', class: 'danger' }, 'Remove ' + u.displayName + ' from all accounts');
    go.addEventListener('click', () => busy(go, async () => {
      problem.hidden = true;
      try {
        const { jobId } = await api('DELETE', '/agency/users/' + enc(u.userId));
        await follow(jobId, u);
      } catch (e) {
        if (!e || e.details === undefined) throw e;
        problem.hidden = false;
        problem.textContent = inWords(e, accountName);
        go.textContent = 'Try again: remove ' + u.displayName + ' from all accounts';
        problem.focus();
      }
    }));
    const count = Object.keys(u.roles).length;
    return h('details', {}, h('summary', {}, 'Remove ' + u.displayName + ' from the agency'),
      h('p', {}, u.displayName + ' leaves ' + (count === 1 ? 'the one account' : 'all ' + count + ' accounts')
        + ' of the agency at once. Their personal data is purged on each account\'s schedule; call history stays.'),
      go, problem);
  };

  /** Polls the job every 400 ms: a progress bar, the accounts done, the status in words, a retry on failure. */
  const follow = async (jobId, u) => {
    const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Removal progress' });
    const text = h('p', {});
    const live = h('div', { role: 'status', id: 'removal-status' }, text);
    const steps = h('ol', { class: 'steps', 'aria-label': 'Accounts' });
    const actions = h('div', { class: 'actions' });
    const box = h('section', { class: 'job', 'aria-labelledby': 'removal-title' },
      h('h2', { id: 'removal-title', tabindex: '-1' }, 'Removing ' + u.displayName + ' from all accounts'),
      progress, steps, live, actions);
    jobSlot.replaceChildren(box);
    box.querySelector('h2').focus();
    let job;
    for (;;) {
      job = await api('GET', '/jobs/' + enc(jobId));
      const plan = (job.plan && job.plan.accounts) || [];
      const done = plan.filter(id => job.steps && job.steps['account:' + id]);
      progress.max = plan.length + 1;
      progress.value = done.length + (job.status === 'SUCCEEDED' ? 1 : 0);
      const next = plan.find(id => !done.includes(id));
      steps.replaceChildren(...plan.map(id => h('li', {
        'data-state': done.includes(id) ? 'done' : id === next ? (job.status === 'FAILED' ? 'failed' : 'current') : 'todo',
      }, accountName(id))));
      if (job.status !== 'RUNNING' || !stillHere()) break;
      text.textContent = 'Removed from ' + done.length + ' of ' + plan.length + ' accounts'
        + (next ? '; now ' + accountName(next) : '; finishing') + '.';
      await new Promise(resolve => setTimeout(resolve, 400));
    }
    if (job.status === 'SUCCEEDED') {
      const count = ((job.plan && job.plan.accounts) || []).length;
      text.textContent = u.displayName + ' is removed from all ' + count + ' accounts of the agency. Their personal'
        + ' data is purged on each account\'s schedule.';
      await refresh();
      actions.replaceChildren();
    } else if (job.status === 'FAILED') {
      const e = job.error || {};
      text.textContent = 'The removal stopped: ' + inWords({ message: e.message || 'it failed.', details: e.details }, accountName)
        + ' Retry removes them from the accounts that are left; the ones done stay done.';
      const retry = h('button', { type: 'button' }, 'Retry the removal');
      const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });
      retry.addEventListener('click', () => busy(retry, async () => {
        problem.hidden = true;
        try {
          const again = await api('DELETE', '/agency/users/' + enc(u.userId));
          await follow(again.jobId, u);
        } catch (err) {
          if (!err || err.details === undefined) throw err;
          problem.hidden = false;
          problem.textContent = inWords(err, accountName);
        }
      }));
      actions.replaceChildren(retry, problem);
      retry.focus();
    }
  };

  const list = h('div');
  const fill = users => {
    const rows = users.map(u => {
      const agencyAdmin = u.roles[agency.accountId] === 'AGENCY_ADMIN';
      const login = u.username || u.email || '';
      return h('tr', {},
        h('th', { scope: 'row' }, u.displayName || u.userId, login ? h('span', { class: 'hint' }, ' (' + login + ')') : null),
        accounts.map(a => h('td', {}, u.roles[a.accountId] ? roleName(u.roles[a.accountId]) : '–',
          u.roles[a.accountId] ? null : h('span', { class: 'sr-only' }, 'not a member'))),
        h('td', {},
          agencyAdmin ? h('p', { class: 'hint' }, 'An agency admin belongs to every account.') : rolesForm(u),
          u.userId === me.user.userId ? h('p', { class: 'hint' }, 'That is you.') : removal(u)));
    });
    list.replaceChildren(h('table', {},
      h('caption', {}, 'Logins of the agency and their role in each account'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Login'),
        accounts.map(a => h('th', { scope: 'col' }, a.name + (a.agency ? ' (agency)' : ''))),
        h('th', { scope: 'col' }, 'Change'))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: accounts.length + 2 }, 'No logins.')))));
  };
  const refresh = async () => fill((await api('GET', '/agency/users')).users);
  fill(data.users);

  return h('section', {},
    h('h1', {}, 'Agency'),
    h('p', {}, (agency ? agency.name : 'The agency') + ' has ' + subs.length + ' sub-account' + (subs.length === 1 ? '' : 's')
      + ': ' + (subs.map(a => a.name).join(', ') || 'none yet') + '. Agency admins belong to every account and leave'
      + ' them only all at once.'),
    status,
    jobSlot,
    list);
}
