import { DateInput } from '../ui/DateInput';
import { FieldError, invalidProps } from '../ui/userErrors';
import { FIELDS, fieldKey, type KindDraft, type RecordableKind } from './touchpointKinds';

/** The inputs of one touchpoint kind's details, each with its errors next to it. `idPrefix` keeps ids unique per form. */
export function KindFields({
  kind,
  draft,
  onChange,
  errorsFor,
  idPrefix,
}: {
  kind: RecordableKind;
  draft: KindDraft;
  onChange: (name: string, value: string) => void;
  errorsFor: (key: string) => string[];
  idPrefix: string;
}) {
  return (
    <>
      {FIELDS[kind].map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const errorId = `${id}-error`;
        const messages = errorsFor(fieldKey(kind, f.name));
        const value = draft[f.name] ?? '';
        const common = { id, value, 'data-testid': `field-${f.name}`, ...invalidProps(errorId, messages) };
        if (f.type === 'radio') {
          return (
            <fieldset key={f.name} className="desk-radios" {...invalidProps(errorId, messages)} data-testid={`field-${f.name}`}>
              <legend>{f.label}</legend>
              {f.hint && <p className="hint desk-rec-hint">{f.hint}</p>}
              {f.options!.map((o) => (
                <label key={o.value} className="desk-check">
                  <input
                    type="radio"
                    name={id}
                    value={o.value}
                    checked={value === o.value}
                    onChange={() => onChange(f.name, o.value)}
                    data-testid={`${f.name}-${o.value}`}
                  />
                  <span>{o.label}</span>
                </label>
              ))}
              <FieldError id={errorId} messages={messages} />
            </fieldset>
          );
        }
        return (
          <div key={f.name} className="desk-rec-field">
            <label htmlFor={id}>{f.label}</label>
            {f.type === 'textarea' ? (
              <textarea rows={3} maxLength={f.maxLength} {...common} onChange={(e) => onChange(f.name, e.target.value)} />
            ) : f.type === 'select' ? (
              <select {...common} onChange={(e) => onChange(f.name, e.target.value)}>
                {!f.required && <option value="">–</option>}
                {f.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.type === 'date' ? (
              <DateInput {...common} onChange={(v) => onChange(f.name, v)} />
            ) : (
              <input
                type="text"
                inputMode={f.type === 'int' ? 'numeric' : f.type === 'amount' ? 'decimal' : undefined}
                maxLength={f.maxLength}
                {...common}
                onChange={(e) => onChange(f.name, e.target.value)}
              />
            )}
            <FieldError id={errorId} messages={messages} />
          </div>
        );
      })}
    </>
  );
}
