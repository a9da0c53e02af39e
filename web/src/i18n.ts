// Korean and English: the member's own choice once known, else the browser's, switchable.
const en = {
  appName: 'AnycallTaxi',
  customer: 'Ride', driver: 'Drive', operator: 'Operate', language: 'Language',
  phone: 'Phone number', sendCode: 'Text me a code', code: 'Code from the text', signIn: 'Sign in',
  signOut: 'Sign out', codeSent: 'A code was texted to {phone}.',
  signUpTitle: 'Create your account', name: 'Name', friendPhone: "A friend's phone (texted when you ride)",
  cardNumber: 'Card number', expMonth: 'Expiry month', expYear: 'Expiry year', cvc: 'CVC', signUp: 'Sign up',
  pickup: 'Pickup', dropoff: 'Destination', tapToSet: 'Tap the map to set the {what}, or choose a place.',
  choosePlace: 'Choose a place', onMap: '{what} on the map', setOnMap: 'Setting on the map: {what}', callTaxi: 'Call a taxi',
  fareEstimate: 'Fare estimate', status: 'Status', taxi: 'Taxi', driverName: 'Driver', rating: 'Rating',
  eta: 'Arrives in about {minutes} min', timeline: 'Timeline', cancel: 'Cancel the call',
  cancelFree: 'Cancelling now is free.', cancelFreeUntil: 'Cancelling is free until {time}; after that it costs {fee}.',
  cancelFee: 'Cancelling now costs {fee}.', confirmCancel: 'Yes, cancel', keepCall: 'Keep the call',
  receipt: 'Receipt', fareBase: 'Base fare', fareDistance: 'Distance', fareTime: 'Time', fareNight: 'Night surcharge',
  fareRounding: 'Rounding', farePromotion: 'Promotion', fareFees: 'Fees', paidWith: 'Paid with the card ending {last4}', total: 'Total',
  review: 'Rate your trip', stars: 'Stars (1 to 5)', comment: 'Comment', sendReview: 'Send the review',
  reviewed: 'Thank you: you rated this trip {rating} of 5.', myTrips: 'My trips', insights: 'My insights',
  rides: 'Rides', spent: 'Spent', promotions: 'Promotions', newCall: 'Call another taxi', none: 'None yet',
  online: 'Go online', offline: 'Go offline', isOnline: 'Online: offers near you appear below.',
  isOffline: 'Offline: no offers.', offers: 'Offers', noOffers: 'No offers right now.',
  toPickup: '{meters} m to the pickup', accept: 'Accept', currentTrip: 'Current trip', drive: 'Drive to the pickup',
  driveToDestination: 'Drive to the destination', arrived: 'Arrived at the pickup', boarded: 'Passenger on board',
  alighted: 'Passenger got off', giveBack: 'Give the call back', noShow: 'Passenger did not come',
  todaysTrips: "Today's trips", earnings: 'Earnings', driving: 'Driving…', taxiId: 'Taxi',
  friendTitle: "Following a friend's trip", friendNote: 'Shared with you by text; it closes an hour after the trip ends.',
  operatorToken: 'Operator token', useToken: 'Use this token', flagged: 'Trips that need a look',
  fleet: 'Fleet', deadLetters: 'Dead letters', redrive: 'Redrive', redriven: 'Redriven', functions: 'Functions',
  up: 'up', down: 'down', start: 'Start', stop: 'Stop', texts: 'Recent texts', refresh: 'Refresh',
  nothingHere: 'Nothing here.', error: 'Something went wrong: {detail}',
  REQUESTED: 'Looking for a taxi', ASSIGNED: 'A taxi is on its way', STARTED: 'On the way', ENDED: 'Arrived; paying',
  COMPLETED: 'Completed', CANCELLED: 'Cancelled', EXPIRED: 'No taxi was found', PAYMENT_FAILED: 'Payment failed',
  NO_SHOW: 'No-show',
} as const;

type Key = keyof typeof en;

const ko: Record<Key, string> = {
  appName: '애니콜택시',
  customer: '타기', driver: '운행', operator: '운영', language: '언어',
  phone: '전화번호', sendCode: '인증번호 받기', code: '문자로 받은 인증번호', signIn: '로그인',
  signOut: '로그아웃', codeSent: '{phone}(으)로 인증번호를 보냈습니다.',
  signUpTitle: '가입하기', name: '이름', friendPhone: '친구 전화번호 (탑승 시 문자 발송)',
  cardNumber: '카드 번호', expMonth: '유효기간 월', expYear: '유효기간 연도', cvc: 'CVC', signUp: '가입',
  pickup: '출발지', dropoff: '도착지', tapToSet: '지도를 눌러 {what}를 정하거나 장소를 고르세요.',
  choosePlace: '장소 선택', onMap: '지도에서 {what}', setOnMap: '지도에서 정하는 중: {what}', callTaxi: '택시 부르기',
  fareEstimate: '예상 요금', status: '상태', taxi: '택시', driverName: '기사', rating: '평점',
  eta: '약 {minutes}분 후 도착', timeline: '진행 내역', cancel: '호출 취소',
  cancelFree: '지금 취소하면 무료입니다.', cancelFreeUntil: '{time}까지는 무료로 취소할 수 있고, 그 후에는 {fee}입니다.',
  cancelFee: '지금 취소하면 {fee}이 부과됩니다.', confirmCancel: '네, 취소합니다', keepCall: '호출 유지',
  receipt: '영수증', fareBase: '기본요금', fareDistance: '거리 요금', fareTime: '시간 요금', fareNight: '심야 할증',
  fareRounding: '단위 조정', farePromotion: '프로모션 할인', fareFees: '수수료', paidWith: '끝자리 {last4} 카드로 결제', total: '합계',
  review: '운행 평가', stars: '별점 (1~5)', comment: '의견', sendReview: '평가 보내기',
  reviewed: '감사합니다. 이 운행에 {rating}점을 주셨습니다.', myTrips: '내 이용 내역', insights: '내 이용 분석',
  rides: '이용 횟수', spent: '사용 금액', promotions: '프로모션', newCall: '다시 부르기', none: '아직 없음',
  online: '운행 시작', offline: '운행 종료', isOnline: '운행 중: 주변 호출이 아래에 표시됩니다.',
  isOffline: '운행 종료 상태: 호출을 받지 않습니다.', offers: '호출', noOffers: '지금은 호출이 없습니다.',
  toPickup: '출발지까지 {meters} m', accept: '수락', currentTrip: '현재 운행', drive: '출발지로 이동',
  driveToDestination: '도착지로 이동', arrived: '출발지 도착', boarded: '승객 탑승',
  alighted: '승객 하차', giveBack: '호출 반납', noShow: '승객 미탑승',
  todaysTrips: '오늘의 운행', earnings: '수입', driving: '이동 중…', taxiId: '택시',
  friendTitle: '친구의 운행 따라보기', friendNote: '문자로 공유된 운행입니다. 운행이 끝나고 한 시간 뒤 닫힙니다.',
  operatorToken: '운영자 토큰', useToken: '이 토큰 사용', flagged: '확인이 필요한 운행',
  fleet: '차량', deadLetters: '배달 실패 이벤트', redrive: '다시 보내기', redriven: '다시 보냄', functions: '함수',
  up: '실행 중', down: '중지됨', start: '시작', stop: '중지', texts: '최근 문자', refresh: '새로고침',
  nothingHere: '항목이 없습니다.', error: '문제가 생겼습니다: {detail}',
  REQUESTED: '택시를 찾는 중', ASSIGNED: '택시가 오는 중', STARTED: '운행 중', ENDED: '도착, 결제 중',
  COMPLETED: '완료', CANCELLED: '취소됨', EXPIRED: '택시를 찾지 못함', PAYMENT_FAILED: '결제 실패',
  NO_SHOW: '미탑승',
};

export type Language = 'en' | 'ko';

let current: Language = (localStorage.getItem('anycalltaxi.language') as Language | null)
  ?? (navigator.language.startsWith('ko') ? 'ko' : 'en');

export function language(): Language {
  return current;
}

/** @param byHand whether the person switched it here (it then wins over the member's profile) */
export function choose(language: Language, byHand = false): void {
  current = language;
  localStorage.setItem('anycalltaxi.language', language);
  if (byHand) {
    localStorage.setItem('anycalltaxi.language.byHand', 'true');
  }
  document.documentElement.lang = language;
}

export function chosenHere(): boolean {
  return localStorage.getItem('anycalltaxi.language.byHand') === 'true';
}

export function t(key: Key | string, values: Record<string, string | number> = {}): string {
  const table: Record<string, string> = current === 'ko' ? ko : en;
  const text = table[key] ?? (en as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export function money(money: { amount: number; currency: string } | null | undefined): string {
  if (!money) {
    return '';
  }
  return new Intl.NumberFormat(current === 'ko' ? 'ko-KR' : 'en-US', { style: 'currency', currency: money.currency })
    .format(money.amount);
}

export function time(instant: string | null | undefined): string {
  return instant ? new Date(instant).toLocaleTimeString(current === 'ko' ? 'ko-KR' : 'en-US',
    { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}
