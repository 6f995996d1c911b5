import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useConfirmOrganisationRelationshipMutation,
  useDeclineOrganisationRelationshipMutation,
  useMunicipalityFirmsQuery,
  useOrganisationProfileQuery,
  useRemoveOrganisationRelationshipMutation,
} from '../generated/graphql';
import { FirmPageRows, PAGE_SIZE, PagedFirmTable, type FirmPageProps } from '../ui/FirmTable';
import { organisationHref } from '../routing';
import { countryName } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { confirmIrreversible, describeError, wordUserError } from '../ui/userErrors';
import { ApiKeysSection } from './ApiKeysSection';
import { kindLabel, relationshipKindLabel } from './labels';
import { MembersSection } from './MembersSection';
import { ProfileEditForm } from './ProfileEditForm';
import { ProposeRelationshipForm } from './ProposeRelationshipForm';
import { groupRelationships, type RelationshipView } from './relationships';
import { DisclosureButton, useDisclosure } from '../ui/Form';

const RELATIONSHIP = { additionalTypenames: ['OrganisationRelationship'] };

export interface OrganisationProfileProps {
  id: string;
  /** The viewer is a member of this organisation (acting for it): the member list is shown. */
  showMembers: boolean;
  /** The organisations the viewer administers, acting as they do now (answering and removing relationships). */
  administeredIds?: readonly string[];
  /** The signed-in user (marked "you" in the member list). */
  currentUserId?: string;
}

/**
 * An organisation's profile and relationships. For its admins (acting for it) this is also the
 * administration page - where an ADMIN lands after sign-in: edit the profile, propose and remove
 * relationships, manage members and API keys.
 */
export function OrganisationProfile({ id, showMembers, administeredIds = [], currentUserId }: OrganisationProfileProps) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useOrganisationProfileQuery({ variables: { id } });
  const disclosure = useDisclosure();
  const { open: editing, setOpen: setEditing } = disclosure;
  const [saved, setSaved] = useState(false);
  const org = data?.organisation;
  if (!org) {
    return (
      <>
        <QueryStatus fetching={fetching} error={error} what={t('organisations.profile.what')} />
        {data && <p role="status">{t('organisations.profile.notFound')}</p>}
      </>
    );
  }
  const canAdminister = administeredIds.includes(org.id);
  const groups = groupRelationships(org.id, org.relationships, administeredIds);
  return (
    <article className="profile" aria-labelledby="organisation-title" data-testid="organisation-profile">
      {editing ? (
        <ProfileEditForm
          org={org}
          onDone={(ok) => {
            setEditing(false);
            setSaved(ok);
          }}
        />
      ) : (
        <div className="card">
          <h1 id="organisation-title">{org.name}</h1>
          {org.description && <p>{org.description}</p>}
          <dl className="facts">
            <dt>{t('organisations.profile.kind')}</dt>
            <dd data-testid="organisation-kind">{kindLabel(org.kind)}</dd>
            <dt>{t('organisations.profile.country')}</dt>
            <dd>{countryName(org.country)}</dd>
            <dt>{t('organisations.profile.officialCode')}</dt>
            <dd className="mono">{org.officialCode ?? '—'}</dd>
            <dt>{t('organisations.profile.region')}</dt>
            <dd>{org.region ? <a href={organisationHref(org.region.id)}>{org.region.name}</a> : '—'}</dd>
            {org.website && (
              <>
                <dt>{t('organisations.profile.website')}</dt>
                <dd>
                  <a href={org.website} rel="noopener noreferrer" target="_blank">
                    {org.website}
                  </a>
                </dd>
              </>
            )}
          </dl>
          {canAdminister && (
            <>
              <p className="hint" data-testid="admin-note">
                {t('organisations.profile.adminNote', { name: org.name })}
              </p>
              <nav aria-label={t('organisations.profile.sections')} className="section-links">
                <DisclosureButton disclosure={disclosure} testId="edit-profile">
                  {t('organisations.profile.edit')}
                </DisclosureButton>{' '}
                <SectionLink target="members-title" label={t('organisations.members.title')} />{' '}
                <SectionLink target="api-keys-title" label={t('organisations.keys.title')} />{' '}
                <SectionLink target="relationships-title" label={t('organisations.rel.title')} />
              </nav>
              {saved && (
                <p role="status" data-testid="profile-saved">
                  {t('organisations.profile.saved')}
                </p>
              )}
            </>
          )}
        </div>
      )}

      <section className="card" aria-labelledby="relationships-title" data-testid="relationships">
        <h2 id="relationships-title" tabIndex={-1}>
          {t('organisations.rel.title')}
        </h2>
        {groups.length === 0 ? (
          <p className="muted">{t('organisations.rel.none')}</p>
        ) : (
          <>
            <p className="hint">{t('organisations.rel.hint', { name: org.name })}</p>
            <div className="relationship-groups">
              {groups.map((group) => (
                <section key={group.kind} className="relationship-group" data-testid="relationship-group" data-kind={group.kind}>
                  <h3>
                    {relationshipKindLabel(group.kind)} <span className="count">{group.items.length}</span>
                  </h3>
                  <ul className="link-list">
                    {group.items.map((item) => (
                      <li key={item.id} data-testid="relationship" data-state={item.state}>
                        <span className="direction" aria-hidden="true">
                          {item.direction === 'outgoing' ? '→' : '←'}
                        </span>{' '}
                        <span className="visually-hidden">{item.direction === 'outgoing' ? `${org.name} ${relationshipKindLabel(group.kind).toLowerCase()}` : ''}</span>
                        <a href={organisationHref(item.other.id)}>{item.other.name}</a>
                        <span className="visually-hidden">{item.direction === 'incoming' ? ` ${relationshipKindLabel(group.kind).toLowerCase()} ${org.name}` : ''}</span>
                        <span className="muted"> · {kindLabel(item.other.kind)}</span>
                        <RelationshipState item={item} organisationName={org.name} canRemove={canAdminister} kindText={relationshipKindLabel(group.kind)} />
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </>
        )}
        {canAdminister && <ProposeRelationshipForm organisation={org} />}
      </section>

      {showMembers && <MembersSection id={org.id} organisationName={org.name} canAdminister={canAdminister} currentUserId={currentUserId} />}
      {canAdminister && <ApiKeysSection id={org.id} />}

      {org.kind === 'MUNICIPALITY' && (
        <section className="card" aria-labelledby="municipality-firms-title">
          <h2 id="municipality-firms-title">{t('organisations.profile.firmsIn', { name: org.name })}</h2>
          <PagedFirmTable
            caption={t('organisations.profile.firmsIn', { name: org.name })}
            showMunicipality={false}
            renderPage={(page) => <MunicipalityFirmsPage {...page} id={org.id} />}
          />
        </section>
      )}
    </article>
  );
}

/** Moves to a section of the page (the hash is the route, so no #anchor). */
function SectionLink({ target, label }: { target: string; label: string }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        const el = document.getElementById(target);
        el?.scrollIntoView?.({ block: 'start' });
        el?.focus?.();
      }}
    >
      {label}
    </button>
  );
}

function MunicipalityFirmsPage({ id, after, ...page }: FirmPageProps & { id: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useMunicipalityFirmsQuery({ variables: { id, first: PAGE_SIZE, after } });
  return <FirmPageRows {...page} connection={data?.organisation?.firms} fetching={fetching} error={error} emptyText={t('organisations.profile.noFirms')} />;
}

/**
 * A relationship not in force (PROPOSED: awaiting the other side; DECLINED) changes nothing and is shown
 * only to the two sides; the side that did not propose it confirms or declines it here. An admin of
 * this organisation may remove any of its relationships (or withdraw a proposal), after confirming.
 */
function RelationshipState({ item, organisationName, canRemove, kindText }: { item: RelationshipView; organisationName: string; canRemove: boolean; kindText: string }) {
  const { t } = useTranslation();
  const [confirmState, confirm] = useConfirmOrganisationRelationshipMutation();
  const [declineState, decline] = useDeclineOrganisationRelationshipMutation();
  const [removeState, remove] = useRemoveOrganisationRelationshipMutation();
  const busy = confirmState.fetching || declineState.fetching || removeState.fetching;
  const userErrors = [
    ...(confirmState.data?.confirmOrganisationRelationship.userErrors ?? []),
    ...(declineState.data?.declineOrganisationRelationship.userErrors ?? []),
    ...(removeState.data?.removeOrganisationRelationship.userErrors ?? []),
  ];
  const failed = confirmState.error ?? declineState.error ?? removeState.error;
  const problem = userErrors[0] ? wordUserError(userErrors[0], ['organisations']) : failed ? `${t('organisations.rel.answerFailed')} ${describeError(failed)}` : null;
  const [from, to] = item.direction === 'outgoing' ? [organisationName, item.other.name] : [item.other.name, organisationName];

  function onRemove() {
    if (!confirmIrreversible(t('organisations.rel.removeConfirm', { kind: kindText, from, to }))) return;
    void remove({ input: { id: item.id } }, RELATIONSHIP);
  }

  return (
    <>
      {item.state !== 'ACTIVE' && (
        <span className="badge" data-testid="relationship-state">
          {' '}
          {t(`organisations.rel.state.${item.state}`)}
        </span>
      )}
      {item.canAnswer && (
        <>
          {' '}
          <button type="button" disabled={busy} onClick={() => confirm({ input: { id: item.id } }, RELATIONSHIP)} data-testid="relationship-confirm">
            {t('organisations.rel.confirm')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => decline({ input: { id: item.id } }, RELATIONSHIP)} data-testid="relationship-decline">
            {t('organisations.rel.decline')}
          </button>
        </>
      )}
      {canRemove && !item.canAnswer && (
        <>
          {' '}
          <button type="button" className="link-button" disabled={busy} onClick={onRemove} data-testid="relationship-remove">
            {item.state === 'PROPOSED' ? t('organisations.rel.withdraw') : t('organisations.rel.remove')}
          </button>
        </>
      )}
      {problem && <span role="alert"> {problem}</span>}
    </>
  );
}
