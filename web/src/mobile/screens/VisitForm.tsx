import { useEffect, useState } from 'react';
import type { VisitPayload } from '../data/types';
import { useOptions } from '../labels';
import { Button, Form, Selector, TextArea } from '../ui';
import { compact, FormFrame, SubmitButton, useFormTarget, type FormTarget } from './form-support';

type Location = { lat: number; lng: number };
type LocationState =
  { status: 'asking' } | { status: 'got'; location: Location } | { status: 'none'; reason: string };

/** The phone's position if it will give one within a few seconds; never blocks the form. */
function useLocation(): [LocationState, () => void] {
  const [state, setState] = useState<LocationState>({ status: 'asking' });
  const ask = () => {
    if (!('geolocation' in navigator)) return setState({ status: 'none', reason: '此设备不支持定位' });
    setState({ status: 'asking' });
    navigator.geolocation.getCurrentPosition(
      (position) =>
        setState({
          status: 'got',
          location: {
            lat: Math.round(position.coords.latitude * 1e6) / 1e6,
            lng: Math.round(position.coords.longitude * 1e6) / 1e6,
          },
        }),
      (error) => setState({ status: 'none', reason: error.code === 1 ? '未允许定位' : '暂时无法定位' }),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 120_000 },
    );
  };
  useEffect(ask, []);
  return [state, ask];
}

interface Values {
  method: string[];
  summary: string;
  attitude?: string[];
  concerns?: string;
  intentObserved?: string[];
}

/** 走访记录: how, what was said, attitude, 急难愁盼, the intent heard, and where (when the phone allows). */
export default function VisitForm() {
  const target = useFormTarget('visit');
  return (
    <FormFrame title="记录走访" target={target}>
      {(t) => <VisitFields target={t} />}
    </FormFrame>
  );
}

function VisitFields({ target }: { target: FormTarget<'visit'> }) {
  const options = useOptions();
  const [location, askLocation] = useLocation();
  const initial = target.correcting?.payload;

  const submit = (values: Values) =>
    target.save(
      compact({
        householdId: target.household.id,
        visitedAt: initial?.visitedAt ?? new Date().toISOString(),
        method: values.method[0] as VisitPayload['method'],
        summary: values.summary.trim(),
        attitude: values.attitude?.[0] as VisitPayload['attitude'],
        concerns: values.concerns,
        intentObserved: values.intentObserved?.[0] as VisitPayload['intentObserved'],
        location: location.status === 'got' ? location.location : initial?.location,
      }),
    );

  return (
    <Form
      layout="vertical"
      onFinish={submit}
      initialValues={{
        method: [initial?.method ?? 'in_person'],
        summary: initial?.summary ?? '',
        attitude: initial?.attitude ? [initial.attitude] : [],
        concerns: initial?.concerns ?? '',
        intentObserved: initial?.intentObserved ? [initial.intentObserved] : [],
      }}
      footer={<SubmitButton busy={target.busy}>保存走访</SubmitButton>}
    >
      <Form.Item
        name="method"
        label="走访方式"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择走访方式' }]}
      >
        <Selector columns={3} options={options?.visitMethods ?? []} />
      </Form.Item>
      <Form.Item
        name="summary"
        label="走访情况"
        rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}
      >
        <TextArea
          placeholder="宣讲了什么政策，户主怎么说"
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          showCount
        />
      </Form.Item>
      <Form.Item name="attitude" label="群众态度">
        <Selector columns={3} options={options?.attitudes ?? []} />
      </Form.Item>
      <Form.Item name="concerns" label="急难愁盼">
        <TextArea
          placeholder="群众反映的困难和诉求（没有可不填）"
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
        />
      </Form.Item>
      <Form.Item name="intentObserved" label="了解到的安置意愿">
        <Selector columns={2} options={options?.intents ?? []} />
      </Form.Item>
      <Form.Item
        label="位置"
        extra={
          location.status === 'none' && (
            <Button size="mini" onClick={askLocation}>
              重新定位
            </Button>
          )
        }
      >
        <span className="m-muted" data-testid="visit-location">
          {location.status === 'asking' && '正在获取位置…'}
          {location.status === 'got' &&
            `已定位（${location.location.lat.toFixed(4)}, ${location.location.lng.toFixed(4)}）`}
          {location.status === 'none' && `${location.reason}，可不填`}
        </span>
      </Form.Item>
    </Form>
  );
}
