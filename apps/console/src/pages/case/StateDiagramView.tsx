import { Tag, Typography } from 'antd';
import type { components } from '../../api/schema';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import { markedAt, nextStates, parseDiagram, type Diagram, type DiagramState } from './state-diagram';

type DiagramAnswer = components['schemas']['CaseDiagramDto'];

/**
 * The machine's states as nested boxes in declaration order, each by its label in the chosen language, the current
 * one filled and marked in words (not by colour alone), and the states the case can move to from here. `statesAt`
 * (time travel) marks the case's state paths of another moment instead of today's, under its own `intro`.
 */
export function StateDiagramView({
  answer,
  statesAt,
  intro,
}: {
  answer: DiagramAnswer;
  statesAt?: readonly string[];
  intro?: string;
}) {
  const { t, pick } = useI18n();
  const parsed = parseDiagram(answer.diagram, answer.states);
  const diagram = statesAt ? markedAt(parsed, statesAt) : parsed;
  const next = nextStates(diagram);
  return (
    <div>
      <Typography.Paragraph type="secondary">{intro ?? t('staffCase.diagram.intro')}</Typography.Paragraph>
      <ol className="state-diagram" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {children(diagram, null).map((s) => (
          <StateBox key={s.id} state={s} diagram={diagram} />
        ))}
      </ol>
      {next.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {t('staffCase.diagram.next')}{' '}
          {next.map((s) => pick(s.label) || '—').join(t('staffCase.diagram.separator'))}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function children(diagram: Diagram, parent: string | null): DiagramState[] {
  return diagram.states.filter((s) => s.parent === parent);
}

function StateBox({ state, diagram }: { state: DiagramState; diagram: Diagram }) {
  const { t, pick } = useI18n();
  const inner = children(diagram, state.id);
  return (
    <li
      aria-current={state.current ? 'step' : undefined}
      style={{
        display: inner.length ? 'block' : 'inline-block',
        margin: 4,
        padding: '4px 8px',
        borderRadius: 6,
        border: state.current ? `2px solid ${TAG_COLOURS.orange}` : '1px solid #8c8c8c',
        background: state.current ? '#fff1b8' : state.final ? '#f5f5f5' : '#fff',
        fontWeight: state.current ? 600 : 400,
      }}
    >
      <span>{pick(state.label) || '—'}</span>
      {state.current && (
        <Tag color={TAG_COLOURS.orange} style={{ marginInlineStart: 6 }}>
          {t('staffCase.diagram.current')}
        </Tag>
      )}
      {inner.length > 0 && (
        <ol style={{ listStyle: 'none', paddingInlineStart: 12, margin: '4px 0 0' }}>
          {inner.map((s) => (
            <StateBox key={s.id} state={s} diagram={diagram} />
          ))}
        </ol>
      )}
    </li>
  );
}
