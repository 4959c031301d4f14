import type { TransitionPayload } from '../data/types';
import { label, useOptions } from '../labels';
import { DotLoading, Form, Selector, TextArea } from '../ui';
import { compact, FormFrame, SubmitButton, useFormTarget, type FormTarget } from './form-support';

interface Values {
  to: string[];
  comment?: string;
}

/**
 * 阶段申请: ask to move the household on. The server decides (a step with approvers opens an approval); the
 * request carries the version the phone saw, so a stage moved meanwhile comes back as a rejection, not a surprise.
 */
export default function StageForm() {
  const target = useFormTarget('transition');
  return (
    <FormFrame title="申请进入下一阶段" target={target}>
      {(t) => <StageFields target={t} />}
    </FormFrame>
  );
}

function StageFields({ target }: { target: FormTarget<'transition'> }) {
  const options = useOptions();
  // The form's initial value is the next stage: wait for the option lists (read from IndexedDB) before building it.
  if (!options) return <DotLoading />;
  const stages = options.stages;
  const index = stages.findIndex((s) => s.value === target.household.stage);
  const next = index >= 0 ? stages.slice(index + 1, index + 2) : [];
  const initial = target.correcting?.payload;
  const submit = (values: Values) =>
    target.save(
      compact({
        householdId: target.household.id,
        to: values.to[0] as TransitionPayload['to'],
        comment: values.comment?.trim(),
        // Corrections go out against the household as the phone has it now (the last sync's version).
        version: target.household.version,
      }),
    );
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      initialValues={{ to: next[0] ? [next[0].value] : [], comment: initial?.comment ?? '' }}
      footer={<SubmitButton busy={target.busy}>提交申请</SubmitButton>}
    >
      <Form.Item label="当前阶段">{label(stages, target.household.stage)}</Form.Item>
      <Form.Item
        name="to"
        label="申请进入"
        rules={[{ required: true, type: 'array', min: 1, message: '已是最后阶段' }]}
      >
        <Selector columns={1} options={next} />
      </Form.Item>
      <Form.Item name="comment" label="说明">
        <TextArea
          placeholder="已完成的工作、附件情况（需审批的阶段会提交审批）"
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
        />
      </Form.Item>
    </Form>
  );
}
