import { deriveKeys, newId } from './crypto';
import { invitationState, inviteScene, inviteToken, joinTarget, readInviteToken, type UnitPlace } from './invitation';

const key = deriveKeys(Buffer.alloc(32, 7)).token;
const otherKey = deriveKeys(Buffer.alloc(32, 8)).token;

describe('invitation tokens', () => {
  it('reads back the invitation id from the long token and from the scene', () => {
    const id = newId('inv');
    expect(readInviteToken(key, inviteToken(key, id))).toBe(id);
    const scene = inviteScene(key, id);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(readInviteToken(key, scene)).toBe(id);
  });

  it('refuses tokens signed with another key, tampered tokens and garbage', () => {
    const id = newId('inv');
    expect(readInviteToken(otherKey, inviteToken(key, id))).toBeNull();
    expect(readInviteToken(otherKey, inviteScene(key, id))).toBeNull();
    const token = inviteToken(key, id);
    const tampered = `${Buffer.from(JSON.stringify({ v: 1, inv: 'inv_someoneelse0000' })).toString('base64url')}.${token.split('.')[1]}`;
    expect(readInviteToken(key, tampered)).toBeNull();
    const scene = inviteScene(key, id);
    expect(readInviteToken(key, `${scene.slice(0, -1)}${scene.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const junk of ['', '.', 'abc', 'inv_x.short', 'a.b.c']) expect(readInviteToken(key, junk)).toBeNull();
  });
});

describe('invitationState', () => {
  const now = new Date('2026-11-25T08:00:00Z');
  it('is active, revoked or expired', () => {
    expect(invitationState({ revoked_at: null, expires_at: null }, now)).toBe('active');
    expect(invitationState({ revoked_at: null, expires_at: '2026-11-25T08:00:01Z' }, now)).toBe('active');
    expect(invitationState({ revoked_at: null, expires_at: '2026-11-25T08:00:00Z' }, now)).toBe('expired');
    expect(invitationState({ revoked_at: '2026-11-01T00:00:00Z', expires_at: '2027-01-01T00:00:00Z' }, now)).toBe('revoked');
  });
});

describe('joinTarget (which union a worker joins)', () => {
  const unit = (id: string, baseUnionId: string | null): UnitPlace => ({ id, name: id, baseUnionId, industryUnionId: 'ind' });
  const baseInvite = { unionId: 'base-1', unionKind: 'base' as const, unitId: null };
  const industryInvite = { unionId: 'ind', unionKind: 'industry' as const, unitId: null };

  it('a code naming a unit fixes the employer', () => {
    const r = joinTarget({ invitation: { ...baseInvite, unitId: 'u1' }, chosenUnit: null, unitIdGiven: undefined, unitName: undefined });
    expect(r).toEqual({ ok: true, unionId: 'base-1', unitId: 'u1', unitName: null, rerouted: false });
    expect(joinTarget({ invitation: { ...baseInvite, unitId: 'u1' }, chosenUnit: unit('u2', 'base-1'), unitIdGiven: 'u2', unitName: undefined })).toMatchObject({ ok: false, field: 'unitId' });
    expect(joinTarget({ invitation: { ...baseInvite, unitId: 'u1' }, chosenUnit: null, unitIdGiven: undefined, unitName: '别家' })).toMatchObject({ ok: false, field: 'unitName' });
  });

  it('a base union code takes one of its own units only', () => {
    expect(joinTarget({ invitation: baseInvite, chosenUnit: unit('u1', 'base-1'), unitIdGiven: 'u1', unitName: undefined })).toMatchObject({ ok: true, unionId: 'base-1', unitId: 'u1' });
    expect(joinTarget({ invitation: baseInvite, chosenUnit: unit('u9', 'base-2'), unitIdGiven: 'u9', unitName: undefined })).toMatchObject({ ok: false, field: 'unitId' });
    expect(joinTarget({ invitation: baseInvite, chosenUnit: null, unitIdGiven: undefined, unitName: '别家' })).toMatchObject({ ok: false, field: 'unitId' });
    expect(joinTarget({ invitation: baseInvite, chosenUnit: null, unitIdGiven: 'nope', unitName: undefined })).toMatchObject({ ok: false, field: 'unitId' });
  });

  it('the industry code routes a worker of a unit with a base union to that base union', () => {
    expect(joinTarget({ invitation: industryInvite, chosenUnit: unit('u1', 'base-1'), unitIdGiven: 'u1', unitName: undefined })).toEqual({ ok: true, unionId: 'base-1', unitId: 'u1', unitName: null, rerouted: true });
    expect(joinTarget({ invitation: industryInvite, chosenUnit: unit('u5', null), unitIdGiven: 'u5', unitName: undefined })).toEqual({ ok: true, unionId: 'ind', unitId: 'u5', unitName: null, rerouted: false });
    expect(joinTarget({ invitation: industryInvite, chosenUnit: null, unitIdGiven: undefined, unitName: '路边小馆' })).toEqual({ ok: true, unionId: 'ind', unitId: null, unitName: '路边小馆', rerouted: false });
    expect(joinTarget({ invitation: industryInvite, chosenUnit: null, unitIdGiven: undefined, unitName: undefined })).toMatchObject({ ok: false, field: 'unitId' });
    expect(joinTarget({ invitation: industryInvite, chosenUnit: { ...unit('x', null), industryUnionId: 'ind-2' }, unitIdGiven: 'x', unitName: undefined })).toMatchObject({ ok: false });
  });
});
