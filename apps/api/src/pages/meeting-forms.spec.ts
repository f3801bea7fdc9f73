import { BadRequestException, ConflictException } from '@nestjs/common';
import { CreateAgendaItemDto } from '@kierto/minutes';
import { badField } from '@kierto/network';
import {
  actionItemInput,
  agendaItemInput,
  attendanceInput,
  fieldErrorsOf,
  formErrors,
  minutesItemsInput,
  moved,
  moveMeetingInput,
  validated,
} from './meeting-forms';
import { MEETING_TEXTS } from './meeting-texts';

const t = MEETING_TEXTS.fi;

describe('agendaItemInput and validated', () => {
  it('turns empty optional fields into null and whole numbers into numbers', () => {
    expect(agendaItemInput({ title: ' Jonot ', description: '', timeBox: '20', presenter: '' })).toEqual({
      title: 'Jonot',
      description: null,
      timeBoxMinutes: 20,
      presenter: null,
    });
  });

  it('answers the API’s 400 shape for what the DTO refuses, naming each field', () => {
    let error: unknown;
    try {
      validated(CreateAgendaItemDto, agendaItemInput({ title: '', timeBox: 'puoli tuntia' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestException);
    expect(
      fieldErrorsOf(error)
        ?.map((f) => f.field)
        .sort(),
    ).toEqual(['timeBoxMinutes', 'title']);
  });
});

describe('attendanceInput', () => {
  it('names a service user only when they are also checked as present', () => {
    expect(attendanceInput({ present: ['a', 'b', 'a'], named: ['b', 'c'], unnamed: '2' })).toEqual({
      present: [
        { personId: 'a', agreedToBeNamed: false },
        { personId: 'b', agreedToBeNamed: true },
      ],
      unnamedServiceUsers: 2,
    });
    expect(attendanceInput({ present: 'a' }).unnamedServiceUsers).toBe(0);
  });
});

describe('minutesItemsInput', () => {
  it('takes the fields named after each agenda item (or its place) and keeps the others', () => {
    const items = [
      { agendaItemId: 'x', title: 'A', notes: 'old', decisions: 'kept' },
      { agendaItemId: null, title: 'B', notes: '', decisions: '' },
    ];
    expect(minutesItemsInput(items, { 'notes-x': ' new\r\nline ', 'decisions-n1': 'done' })).toEqual([
      { agendaItemId: 'x', title: 'A', notes: 'new\nline', decisions: 'kept' },
      { agendaItemId: null, title: 'B', notes: '', decisions: 'done' },
    ]);
  });
});

describe('actionItemInput', () => {
  it('keeps the raising unit only when a unit raised it, and reads the checkboxes', () => {
    const input = actionItemInput({
      title: 'T',
      owner: 'u1',
      raisedBy: 'service_user',
      raisedByUnit: 'u2',
      raisedByPerson: 'p1',
      notifyRaiser: '1',
    });
    expect(input.raisedBy).toEqual({ kind: 'service_user', unitId: null, personId: 'p1' });
    expect(input).toMatchObject({
      notifyRaiser: true,
      forServiceUsers: false,
      dueDate: null,
      assigneeId: null,
    });
    expect(actionItemInput({ raisedBy: 'unit', raisedByUnit: 'u2' }).raisedBy.unitId).toBe('u2');
  });
});

describe('moveMeetingInput', () => {
  it('sends the acknowledgements ticked (once each) and a reason only when written', () => {
    const base = { date: '2026-12-24', start: '14:00', duration: '120', host: '' };
    expect(moveMeetingInput({ ...base, ack: ['holiday', 'holiday'], moveReason: ' Joulu ' })).toMatchObject({
      acknowledge: ['holiday'],
      moveReason: 'Joulu',
    });
    expect(moveMeetingInput({ ...base, moveReason: '' })).toMatchObject({
      acknowledge: undefined,
      moveReason: undefined,
    });
  });
});

describe('moved', () => {
  it.each([
    [['a', 'b', 'c'], 'c', 'up', ['a', 'c', 'b']],
    [['a', 'b', 'c'], 'a', 'down', ['b', 'a', 'c']],
    [['a', 'b', 'c'], 'a', 'up', ['a', 'b', 'c']],
    [['a', 'b', 'c'], 'c', 'down', ['a', 'b', 'c']],
    [['a', 'b'], 'x', 'up', ['a', 'b']],
  ] as const)('%j: %s %s', (ids, id, direction, expected) => {
    expect(moved([...ids], id, direction)).toEqual(expected);
  });
});

describe('formErrors and fieldErrorsOf', () => {
  it('puts plain-language messages at the form fields the service named', () => {
    const fields = fieldErrorsOf(badField('privacyChecked', 'confirm the privacy checklist first'));
    expect(formErrors(fields ?? [], t)).toEqual({ privacy: t.errPrivacy });
    expect(formErrors([{ field: 'publicOutcome', reasons: ['x'] }], t)).toEqual({ outcome: t.errOutcome });
    expect(formErrors([{ field: 'title', reasons: ['x'] }], t, { title: 'errActionTitle' })).toEqual({
      title: t.errActionTitle,
    });
  });

  it('puts what no field shows at the top of the form, with the reason', () => {
    expect(formErrors([{ field: 'items.3.notes', reasons: ['too long'] }], t)).toEqual({
      '': `${t.errField} too long`,
    });
  });

  it('picks the message by the service’s reason where one field is refused for different reasons', () => {
    expect(formErrors([{ field: 'date', reasons: ['2026-11-20 is in the past: move …'] }], t)).toEqual({
      date: t.errDatePast,
    });
    expect(formErrors([{ field: 'date', reasons: ['this meeting has already taken place'] }], t)).toEqual({
      date: t.errMeetingHeld,
    });
    expect(formErrors([{ field: 'startTime', reasons: ['03:30 does not exist on 2028-03-26'] }], t)).toEqual({
      start: t.errTimeGap,
    });
    expect(formErrors([{ field: 'date', reasons: ['date must be a date'] }], t)).toEqual({ date: t.errDate });
    expect(formErrors([{ field: 'acknowledge', reasons: ['x'] }], t)).toEqual({ ack: t.errAcknowledge });
  });

  it('is null for anything but a 400', () => {
    expect(fieldErrorsOf(new ConflictException('no'))).toBeNull();
    expect(fieldErrorsOf(new Error('no'))).toBeNull();
  });
});
