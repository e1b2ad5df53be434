<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddOnlineDialog</name>
    <message>
        <location filename="../../catalog_app/gui/online_dialog.py" line="+174"/>
        <source>Add from online</source>
        <extracomment>A work was added (its id), so the window can show and select it.</extracomment>
        <translation>온라인에서 추가</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Title, e.g. Lost in Starlight</source>
        <translation>제목, 예: Lost in Starlight</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>검색(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sources:</source>
        <translation>소스:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Add to catalog</source>
        <translation>카탈로그에 추가(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No online source is on: turn one on in Settings.</source>
        <translation>켜진 온라인 소스가 없습니다. 설정에서 하나를 켜세요.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Searching {sources}…</source>
        <translation>{sources} 검색 중…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“{title}” is already in your catalog ({how}).</source>
        <translation>“{title}”은(는) 이미 카탈로그에 있습니다({how}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Fetching “{title}” from {source}…</source>
        <translation>{source}에서 “{title}” 가져오는 중…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} results</source>
        <translation>결과 {n}개</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>added just now</source>
        <translation>방금 추가함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added “{title}”.</source>
        <translation>“{title}”을(를) 추가했습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image not kept: {why}</source>
        <translation>이미지를 저장하지 않았습니다: {why}</translation>
    </message>
</context>
<context>
    <name>BulkRefreshDialog</name>
    <message>
        <location line="+43"/>
        <source>Refreshing metadata</source>
        <extracomment>The refresh ended (finished or cancelled), so the window can reload the list. The refresh ran (to its end or to a cancel): the job, whose `undo_states` the window can offer to undo.</extracomment>
        <translation>메타데이터 새로 고침</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refreshing {n} works…</source>
        <translation>작품 {n}개를 새로 고치는 중…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Cancel</source>
        <translation>취소(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{title}: updated ({fields})</source>
        <translation>{title}: 업데이트됨 ({fields})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{title}: nothing new</source>
        <translation>{title}: 새 정보 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{title}: failed: {why}</source>
        <translation>{title}: 실패: {why}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stopping after the works in progress…</source>
        <translation>진행 중인 작품을 마친 뒤 중지하는 중…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{changed} updated, {unchanged} with nothing new, {failed} failed in {seconds:.1f} s</source>
        <translation>{seconds:.1f}초 동안 {changed}개 업데이트, {unchanged}개 새 정보 없음, {failed}개 실패</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>. Cancelled: {n} left for later (offered when Starlight starts).</source>
        <translation>. 취소됨: {n}개는 나중으로 미뤘습니다(Starlight를 시작할 때 다시 제안합니다).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>. Undo with Ctrl+Z in the main window.</source>
        <translation>. 기본 창에서 Ctrl+Z로 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>. It cannot be undone here: the backup taken before it has the works as they were.</source>
        <translation>. 여기서는 실행 취소할 수 없습니다. 새로 고침 전에 만든 백업에 작품의 이전 상태가 있습니다.</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <location line="-380"/>
        <source>Film</source>
        <translation>영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Miniseries</source>
        <translation>미니시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Season</source>
        <translation>시즌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Episode</source>
        <translation>에피소드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short</source>
        <translation>단편</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special</source>
        <translation>스페셜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TV film</source>
        <translation>TV 영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OVA</source>
        <translation>OVA</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In your catalog</source>
        <translation>내 카탈로그</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>, anime</source>
        <translation>, 애니메이션</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../catalog_app/gui/import_wizard.py" line="+118"/>
        <source>UTF-8</source>
        <extracomment>text_stream.ENCODING_LABELS to translate (services stay free of Qt); an encoding missing here shows untranslated.</extracomment>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8 (with BOM)</source>
        <translation>UTF-8 (BOM 포함)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows-1252 (Western)</source>
        <translation>Windows-1252 (서유럽어)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EUC-KR (Korean)</source>
        <translation>EUC-KR (한국어)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma  ,</source>
        <translation>쉼표  ,</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semicolon  ;</source>
        <translation>세미콜론  ;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>탭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bar  |</source>
        <translation>세로 막대  |</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ignore</source>
        <extracomment>What a column can feed, in the groups the header combos show them (csv_table.TARGETS and the targets with an argument); None is a separator.</extracomment>
        <translation>무시</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind (film, series…)</source>
        <translation>종류 (영화, 시리즈…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runtime (minutes)</source>
        <translation>상영 시간 (분)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genres</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genre named by the column (0/1)</source>
        <translation>열 이름이 가리키는 장르 (0/1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>국가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content rating</source>
        <translation>관람 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synopsis</source>
        <translation>줄거리</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Director</source>
        <translation>감독</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writer</source>
        <translation>각본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cast</source>
        <translation>출연진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rating (½–5 stars)</source>
        <translation>내 평점 (별 ½–5개)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rating (1–10)</source>
        <translation>내 평점 (1–10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rating (0–100)</source>
        <translation>내 평점 (0–100)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My status</source>
        <translation>내 상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watched on (day/month/year)</source>
        <translation>감상일 (일/월/년)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watched on (month/day/year)</source>
        <translation>감상일 (월/일/년)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My notes</source>
        <translation>내 메모</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{source} id</source>
        <extracomment>The colour of a message that stops the person going on (as the editor&apos;s). A job that was cancelled, as its result (Background reports errors by their text only).</extracomment>
        <translation>{source} ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source} rating</source>
        <translation>{source} 평점</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{source} votes</source>
        <translation>{source} 투표 수</translation>
    </message>
    <message>
        <location line="+501"/>
        <source>Say what each column holds</source>
        <translation>각 열의 내용 지정</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first rows of the table as Starlight reads them. Choose what each column holds in its header; columns set to Ignore are left out.</source>
        <translation>Starlight가 읽은 표의 처음 몇 행입니다. 각 열의 머리글에서 그 열에 담긴 내용을 고르세요. 무시로 설정한 열은 제외됩니다.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Encoding:</source>
        <translation>인코딩(&amp;E):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Delimiter:</source>
        <translation>구분 기호(&amp;D):</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Reading the first rows…</source>
        <extracomment>Columns the person set, by name: kept when the table is read again in another encoding or delimiter.</extracomment>
        <translation>처음 몇 행을 읽는 중…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This cannot be read as a table: {why}. Try another encoding or delimiter.</source>
        <translation>표로 읽을 수 없습니다: {why}. 다른 인코딩이나 구분 기호를 시도해 보세요.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose the column that holds the title: a work cannot be imported without one.</source>
        <translation>제목이 담긴 열을 고르세요. 제목이 없으면 작품을 가져올 수 없습니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No column holds the title. Choose “Title” in the header of the column that has the titles, then go on.</source>
        <translation>제목이 담긴 열이 없습니다. 제목이 있는 열의 머리글에서 “제목”을 고른 뒤 계속하세요.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../catalog_app/gui/editor.py" line="+817"/>
        <source>Someone else changed this work</source>
        <translation>다른 사람이 이 작품을 변경했습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{title}” was changed by someone else while you were editing it (you started from version {mine}, the catalog now has version {theirs}). These fields differ. Nothing is saved until you choose.</source>
        <translation>편집하는 동안 다른 사람이 “{title}”을(를) 변경했습니다(편집을 시작한 버전은 {mine}, 현재 카탈로그의 버전은 {theirs}입니다). 아래 항목이 서로 다릅니다. 선택하기 전까지는 아무것도 저장되지 않습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their changes to what this editor does not show ({fields}) are kept whatever you choose.</source>
        <translation>이 편집기에 표시되지 않는 항목({fields})에 대한 상대방의 변경 사항은 무엇을 선택하든 유지됩니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Yours</source>
        <translation>내 값</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>Theirs</source>
        <translation>상대방 값</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Keep</source>
        <translation>유지할 값</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Keep for {field}</source>
        <translation>{field}에 유지할 값</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep mine</source>
        <translation>내 값 유지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save all your values over the new version</source>
        <translation>새 버전 위에 내 값을 모두 저장합니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take theirs</source>
        <translation>상대방 값 적용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your edits and show the new version</source>
        <translation>내 편집 내용을 버리고 새 버전을 표시합니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge</source>
        <translation>병합</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the value chosen in the Keep column for each field</source>
        <translation>항목마다 “유지할 값” 열에서 고른 값을 저장합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to editing; nothing is saved</source>
        <translation>편집으로 돌아갑니다. 아무것도 저장되지 않습니다</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../catalog_app/gui/connect_dialog.py" line="+75"/>
        <source>Connect to a shared catalog</source>
        <extracomment>Seconds a test waits for the server to answer.</extracomment>
        <translation>공유 카탈로그에 연결</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open a catalog kept on a PostgreSQL server, so that every computer of the household sees the same catalog.</source>
        <translation>PostgreSQL 서버에 보관된 카탈로그를 엽니다. 집 안의 모든 컴퓨터에서 같은 카탈로그를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. starlight</source>
        <translation>예: starlight</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: {name}</source>
        <translation>비워 두면: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: the one kept in the keyring or ~/.pgpass</source>
        <translation>비워 두면: 키링이나 ~/.pgpass에 저장된 비밀번호</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the server offers it</source>
        <translation>서버가 지원할 때</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Always</source>
        <translation>항상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always, checking the server&apos;s certificate</source>
        <translation>항상, 서버 인증서 확인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember the password in the system keyring</source>
        <translation>시스템 키링에 비밀번호 기억</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unticked, Starlight keeps no password: the server needs none, or it is in PostgreSQL&apos;s ~/.pgpass file.</source>
        <translation>선택하지 않으면 Starlight는 비밀번호를 저장하지 않습니다. 서버에 비밀번호가 필요 없거나 PostgreSQL의 ~/.pgpass 파일에 있는 경우입니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Test connection</source>
        <translation>연결 테스트(&amp;T)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Host:</source>
        <translation>호스트(&amp;H):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encryption (SSL):</source>
        <translation>암호화(SSL)(&amp;E):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>데이터베이스(&amp;D):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>사용자(&amp;U):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>비밀번호(&amp;W):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Connect</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Testing…</source>
        <translation>테스트 중…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The test itself failed:</source>
        <translation>테스트 자체가 실패했습니다:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a Starlight catalog with 1 work</source>
        <translation>작품 1개가 있는 Starlight 카탈로그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a Starlight catalog with {n:,} works</source>
        <translation>작품 {n:,}개가 있는 Starlight 카탈로그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected to PostgreSQL {version}: {works}.</source>
        <translation>PostgreSQL {version}에 연결했습니다: {works}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to PostgreSQL {version}: the database is empty, so Starlight will make a new catalog in it.</source>
        <translation>PostgreSQL {version}에 연결했습니다. 데이터베이스가 비어 있으므로 Starlight가 새 카탈로그를 만듭니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starlight will bring this catalog up to date when it opens it (after a backup); computers with an older Starlight cannot open it after that.</source>
        <translation>Starlight가 이 카탈로그를 열 때 (백업한 뒤) 최신 형식으로 업데이트합니다. 그 뒤에는 이전 버전의 Starlight가 설치된 컴퓨터에서 열 수 없습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User {user} may only read this catalog: saving changes will fail.</source>
        <translation>사용자 {user}은(는) 이 카탈로그를 읽기만 할 수 있습니다. 변경 사항을 저장하면 실패합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: the server lacks the pg_trgm extension. Searching works, but finding text inside Chinese, Japanese and Korean titles is slower.</source>
        <translation>참고: 서버에 pg_trgm 확장이 없습니다. 검색은 되지만 중국어, 일본어, 한국어 제목 안의 텍스트를 찾는 속도가 느립니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password kept in the system keyring was used.</source>
        <translation>시스템 키링에 저장된 비밀번호를 사용했습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server is not reachable at {host}:{port}. Is it running, and does it accept connections from other computers?</source>
        <translation>{host}:{port}에서 서버에 연결할 수 없습니다. 서버가 실행 중이며 다른 컴퓨터의 연결을 허용하는지 확인하세요.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No computer named {host} was found.</source>
        <translation>이름이 {host}인 컴퓨터를 찾을 수 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the user name or the password.</source>
        <translation>서버가 사용자 이름이나 비밀번호를 거부했습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks for a password.</source>
        <translation>서버에서 비밀번호를 요구합니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server has no user named {user}.</source>
        <translation>서버에 이름이 {user}인 사용자가 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server has no database named {database}.</source>
        <translation>서버에 이름이 {database}인 데이터베이스가 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not let this user in from this computer (its pg_hba.conf file decides who may connect).</source>
        <translation>서버가 이 컴퓨터에서 이 사용자의 접속을 허용하지 않습니다(접속 허용 여부는 서버의 pg_hba.conf 파일에서 정합니다).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This catalog was made by a newer Starlight (format {schema}; this one knows up to {latest}). Update Starlight on this computer to open it.</source>
        <translation>이 카탈로그는 더 새로운 버전의 Starlight로 만들어졌습니다(형식 {schema}, 이 버전은 {latest}까지 지원). 열려면 이 컴퓨터의 Starlight를 업데이트하세요.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database holds another program&apos;s tables, not a Starlight catalog. Choose an empty database or a Starlight catalog.</source>
        <translation>이 데이터베이스에는 Starlight 카탈로그가 아닌 다른 프로그램의 테이블이 있습니다. 빈 데이터베이스나 Starlight 카탈로그를 선택하세요.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User {user} may not create tables in this database, so Starlight cannot make its catalog here. The server&apos;s administrator can make {user} the database&apos;s owner.</source>
        <translation>사용자 {user}은(는) 이 데이터베이스에 테이블을 만들 수 없으므로 Starlight가 여기에 카탈로그를 만들 수 없습니다. 서버 관리자가 {user}을(를) 데이터베이스 소유자로 지정할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This address cannot be used.</source>
        <translation>이 주소는 사용할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot connect.</source>
        <translation>연결할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 table: {tables}</source>
        <translation>테이블 1개: {tables}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} tables: {tables}</source>
        <translation>테이블 {n}개: {tables}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Starlight opens the shared catalog when it starts again, and needs its password then: tick “Remember the password”, or put it in PostgreSQL&apos;s ~/.pgpass file and leave the field empty.</source>
        <translation>Starlight를 다시 시작할 때 공유 카탈로그를 열며, 이때 비밀번호가 필요합니다. “비밀번호 기억”을 선택하거나, 비밀번호를 PostgreSQL의 ~/.pgpass 파일에 넣고 입력란을 비워 두세요.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The password cannot be kept: this computer has no system keyring. Untick “Remember the password” and put it in PostgreSQL&apos;s ~/.pgpass file instead, as one line: host:port:database:user:password.</source>
        <translation>비밀번호를 저장할 수 없습니다. 이 컴퓨터에는 시스템 키링이 없습니다. “비밀번호 기억”을 해제하고, 대신 비밀번호를 PostgreSQL의 ~/.pgpass 파일에 host:port:database:user:password 형식의 한 줄로 넣으세요.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../catalog_app/gui/detail_panel.py" line="+799"/>
        <source>Select a work to see everything the catalog knows about it.</source>
        <extracomment>(title, year or None, {id space: id} at online sources): a related work not in the catalog, to add.</extracomment>
        <translation>작품을 선택하면 카탈로그에 있는 모든 정보를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Content rating</source>
        <translation>관람 등급</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Localized title</source>
        <translation>현지화 제목</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Romanized</source>
        <translation>로마자 표기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Also known as</source>
        <translation>다른 제목</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Working title</source>
        <translation>가제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Short title</source>
        <translation>짧은 제목</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{h} h {m} min</source>
        <translation>{h}시간 {m}분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{h} h</source>
        <translation>{h}시간</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{m} min</source>
        <translation>{m}분</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Anime</source>
        <translation>애니메이션</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{value}%</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{value}/{scale}</source>
        <translation>{value}/{scale}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n:,} votes</source>
        <translation>{n:,}표</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned</source>
        <translation>볼 예정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Watching</source>
        <translation>보는 중</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hold</source>
        <translation>보류</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dropped</source>
        <translation>중단</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>♥ Favourite</source>
        <translation>♥ 즐겨찾기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{stars}  {n}/100</source>
        <translation>{stars}  {n}/100</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My rating</source>
        <translation>내 평점</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stream</source>
        <translation>스트리밍</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free</source>
        <translation>무료</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free with ads</source>
        <translation>무료(광고 포함)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rent</source>
        <translation>대여</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Buy</source>
        <translation>구매</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owned</source>
        <translation>소장</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Where to watch</source>
        <translation>시청할 수 있는 곳</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>checked {date}</source>
        <translation>{date} 확인</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Seasons</source>
        <translation>시즌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Episodes</source>
        <translation>에피소드</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 season</source>
        <translation>시즌 1개</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} seasons</source>
        <translation>시즌 {n}개</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+37"/>
        <source>1 episode</source>
        <translation>에피소드 1개</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+12"/>
        <location line="+37"/>
        <source>{n} episodes</source>
        <translation>에피소드 {n}개</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+11"/>
        <location line="+38"/>
        <source>{done} of {total} watched</source>
        <translation>{total}개 중 {done}개 시청 완료</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>✓ watched</source>
        <translation>✓ 시청 완료</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Season {n}</source>
        <translation>시즌 {n}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cast &amp; crew</source>
        <translation>출연진 및 제작진</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>as {character}</source>
        <translation>{character} 역</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Companies</source>
        <translation>회사</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Studio</source>
        <translation>스튜디오</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Production</source>
        <translation>제작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distribution</source>
        <translation>배급</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Network</source>
        <translation>방송사</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Streaming original</source>
        <translation>스트리밍 오리지널</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sequel</source>
        <translation>속편</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prequel</source>
        <translation>전편</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow-up to</source>
        <translation>이전 작품</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remake</source>
        <translation>리메이크작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remake of</source>
        <translation>리메이크 원작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adaptation of</source>
        <translation>각색 원작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spin-off</source>
        <translation>스핀오프</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spin-off of</source>
        <translation>스핀오프 원작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Same universe as</source>
        <translation>같은 세계관</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared to</source>
        <translation>비교 대상</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Similar to</source>
        <translation>비슷한 작품</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Related</source>
        <translation>관련 작품</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{title} ({year})</source>
        <translation>{title} ({year})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not in your catalog — add</source>
        <translation>카탈로그에 없음 — 추가</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this work to your catalog</source>
        <translation>이 작품을 카탈로그에 추가합니다</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Critic review</source>
        <translation>평론가 리뷰</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User review</source>
        <translation>사용자 리뷰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the makers</source>
        <translation>제작진의 말</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What people say</source>
        <translation>사람들의 평</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{text}”</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Premiere</source>
        <translation>최초 공개</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In cinemas</source>
        <translation>극장 개봉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Streaming</source>
        <translation>스트리밍</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TV</source>
        <translation>TV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disc</source>
        <translation>디스크</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Festival</source>
        <translation>영화제</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Released</source>
        <translation>공개</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Setting</source>
        <translation>배경</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Music</source>
        <translation>음악</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Elsewhere</source>
        <translation>외부 링크</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Details</source>
        <translation>상세 정보</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Digital</source>
        <translation>디지털</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Date unknown</source>
        <translation>날짜 모름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{date} · rewatch</source>
        <translation>{date} · 재감상</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watched</source>
        <translation>감상</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Watched ({n} rewatch)</source>
        <translation>감상 (재감상 {n}회)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watched ({n} rewatches)</source>
        <translation>감상 (재감상 {n}회)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>acquired {date}</source>
        <translation>{date} 입수</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loaned to {who} since {date}</source>
        <translation>{date}부터 {who}에게 빌려줌</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loaned to {who}</source>
        <translation>{who}에게 빌려줌</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My copies</source>
        <translation>내 소장본</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your history</source>
        <translation>내 기록</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../catalog_app/gui/import_wizard.py" line="-746"/>
        <source>The films you logged: watched, your ratings (½–5 stars), diary dates and rewatches, reviews as notes, and your watchlist. A folder, the .zip, or one of its CSV files.</source>
        <extracomment>What each format brings, in a line.</extracomment>
        <translation>기록한 영화: 감상 여부, 내 평점(별 ½–5개), 다이어리 날짜와 재감상, 메모로 가져오는 리뷰, 워치리스트. 폴더나 .zip 파일, 또는 그 안의 CSV 파일 하나를 가져올 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Titles with their IMDb ids, year, kind, runtime, genres, directors and IMDb rating; your ratings mark them seen, a watchlist marks them planned.</source>
        <translation>작품의 IMDb ID, 연도, 종류, 상영 시간, 장르, 감독, IMDb 평점. 내 평점이 있는 작품은 감상한 것으로, 워치리스트에 있는 작품은 볼 예정으로 표시합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anime with their MyAnimeList ids and episode counts; your status, score, start and finish dates, rewatches, tags and comments.</source>
        <translation>애니메이션의 MyAnimeList ID와 에피소드 수, 그리고 내 상태, 점수, 시작일과 완료일, 재감상, 태그, 코멘트.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Films and series with their IMDb and TMDB ids; your plays as viewings, your ratings, watchlist and collection. A folder of its JSON files, or the .zip.</source>
        <translation>영화와 시리즈의 IMDb 및 TMDB ID, 감상 기록으로 가져오는 재생 기록, 내 평점, 워치리스트, 컬렉션. JSON 파일이 든 폴더나 .zip 파일을 가져올 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Any table with a header row: on the next page you say what each column holds.</source>
        <translation>머리글 행이 있는 모든 표. 다음 페이지에서 각 열에 담긴 내용을 지정합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your video collection: titles, credits, plot and covers, with your rating, comments, seen flag and copies.</source>
        <translation>내 비디오 컬렉션: 제목, 크레딧, 줄거리, 표지와 함께 내 평점, 코멘트, 감상 여부, 소장본.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Films and series as your media library describes them, with cast, ratings and ids; plays mark them watched. A folder of .nfo files, or one file.</source>
        <translation>미디어 라이브러리에 기록된 그대로의 영화와 시리즈(출연진, 평점, ID 포함). 재생 기록이 있으면 감상한 것으로 표시합니다. .nfo 파일이 든 폴더나 파일 하나를 가져올 수 있습니다.</translation>
    </message>
    <message>
        <location line="+439"/>
        <source>Choose what to import</source>
        <translation>가져올 항목 선택</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An export from Letterboxd, IMDb, MyAnimeList or Trakt, or any table saved from a spreadsheet. Nothing is written until the last step.</source>
        <translation>Letterboxd, IMDb, MyAnimeList, Trakt에서 내보낸 파일이나 스프레드시트에서 저장한 표를 고르세요. 마지막 단계 전까지는 아무것도 기록되지 않습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file, or an export folder</source>
        <translation>파일 또는 내보내기 폴더</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File…</source>
        <translation>파일(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;older…</source>
        <translation>폴더(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a file first</source>
        <translation>먼저 파일을 선택하세요</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Import from:</source>
        <translation>가져올 위치(&amp;I):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F&amp;ormat:</source>
        <translation>형식(&amp;O):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Works the catalog already has are matched (the same IMDb or TMDB id, else the same title and year) and get your status, rating and viewings from the file; the others are added. The import is one step you can undo.</source>
        <translation>카탈로그에 이미 있는 작품은 (같은 IMDb 또는 TMDB ID, 없으면 같은 제목과 연도로) 대응시켜 파일의 상태, 평점, 감상 기록을 반영하고, 나머지는 새로 추가합니다. 가져오기는 한 번에 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Import from a file</source>
        <translation>파일에서 가져오기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports and tables (*.csv *.tsv *.txt *.zip *.xml *.gz *.json *.tc *.nfo);;All files (*)</source>
        <translation>내보낸 파일 및 표 (*.csv *.tsv *.txt *.zip *.xml *.gz *.json *.tc *.nfo);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from an export folder</source>
        <translation>내보내기 폴더에서 가져오기</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Looking at the file…</source>
        <translation>파일을 살펴보는 중…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no such file or folder.</source>
        <translation>해당 파일이나 폴더가 없습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a Starlight catalog file; this wizard imports other tools&apos; files (open it with “starlight import”).</source>
        <translation>이 파일은 Starlight 카탈로그 파일입니다. 이 마법사는 다른 도구의 파일을 가져옵니다(이 파일은 “starlight import”로 여세요).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starlight cannot tell what this is: choose its format below.</source>
        <translation>Starlight가 이 파일의 종류를 알 수 없습니다. 아래에서 형식을 선택하세요.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looks like: {format}</source>
        <translation>추정 형식: {format}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Read as {format}.</source>
        <translation>{format}(으)로 읽습니다.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location line="+408"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The works are written in one step: all of them, or none if you cancel.</source>
        <translation>작품은 한 번에 기록됩니다. 모두 기록되거나, 취소하면 하나도 기록되지 않습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import &amp;again</source>
        <translation>다시 가져오기(&amp;A)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Importing {file}…</source>
        <translation>{file} 가져오는 중…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing…</source>
        <translation>기록하는 중…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Added {added:,}, updated {updated:,}.</source>
        <translation>{added:,}개 추가, {updated:,}개 업데이트했습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n:,} new works are in your catalog.</source>
        <translation>새 작품 {n:,}개가 카탈로그에 추가되었습니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n:,} works already in your catalog got your status, rating, viewings or notes from the file.</source>
        <translation>카탈로그에 이미 있던 작품 {n:,}개에 파일의 상태, 평점, 감상 기록 또는 메모를 반영했습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Left out: {doubtful:,} doubtful matches not confirmed, {skipped:,} skipped lines.</source>
        <translation>제외됨: 확인하지 않은 불확실한 일치 {doubtful:,}개, 건너뛴 줄 {skipped:,}개.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the whole import in one step with Edit → Undo (Ctrl+Z) in the main window.</source>
        <translation>기본 창의 편집 → 실행 취소(Ctrl+Z)로 가져오기 전체를 한 번에 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>취소했습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your catalog is as it was.</source>
        <translation>카탈로그는 그대로입니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was imported.</source>
        <translation>아무것도 가져오지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location line="-1065"/>
        <source>Letterboxd export</source>
        <extracomment>The wizard&apos;s pages, in order. Rows of a table the columns page shows (inspect reads a few more, to guess scales and date orders). Lines each list of the preview shows; the saved report has them all. Pause after typing a path before its format is looked at, in ms.</extracomment>
        <translation>Letterboxd 내보내기 파일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IMDb ratings or list (CSV)</source>
        <translation>IMDb 평점 또는 목록 (CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MyAnimeList anime list (XML)</source>
        <translation>MyAnimeList 애니메이션 목록 (XML)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trakt export (JSON)</source>
        <translation>Trakt 내보내기 파일 (JSON)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table, comma-separated (CSV)</source>
        <translation>표, 쉼표로 구분 (CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table, tab-separated (TSV)</source>
        <translation>표, 탭으로 구분 (TSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tellico collection</source>
        <translation>Tellico 컬렉션</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kodi library (.nfo files)</source>
        <translation>Kodi 라이브러리 (.nfo 파일)</translation>
    </message>
    <message>
        <location line="+1082"/>
        <source>Import</source>
        <extracomment>The import was written: its outcome (ImportOutcome) and the file&apos;s name, for the window&apos;s undo step.</extracomment>
        <translation>가져오기</translation>
    </message>
</context>
<context>
    <name>JobPage</name>
    <message>
        <location line="-683"/>
        <source>Stopping…</source>
        <extracomment>(column, target) the person chose in a combo. Whether the wizard&apos;s Cancel stops this page&apos;s job rather than closing (a job that can take long).</extracomment>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reading the file… {done:,} entries</source>
        <translation>파일 읽는 중… 항목 {done:,}개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching against your catalog… {done:,} of {total:,}</source>
        <translation>카탈로그와 대조하는 중… {total:,}개 중 {done:,}개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing… {done:,} of {total:,} works</source>
        <translation>기록하는 중… 작품 {total:,}개 중 {done:,}개</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../catalog_app/gui/main_window.py" line="+83"/>
        <source>Plain words search titles in every script, people, characters, tags, genres and synopsis.
Words match from their start: star finds Starlight; one letter alone lists the titles that start with it.
Hangul, Kana and Han are found by any part: 별에 finds 이 별에 필요한.

director:&quot;Han Ji-won&quot;   writer:  voice:  cast:  person:  character:
year:2020..2025   year:&gt;=2000   runtime:&lt;100
rating:&gt;=80   (your rating, 0–100)   rating.rotten_tomatoes:&gt;=90   rating.imdb:&gt;=8
tag:space   genre:animation   platform:netflix   company:netflix   country:KR   language:ko
status:planned  (watching, completed, on_hold, dropped)   is:favourite   is:owned   is:watched
kind:series  (film, season, episode, anime…)   list:&quot;Korean animation&quot;   id:tt6751668

Words combine with AND; OR gives alternatives; - or NOT excludes; (parentheses) group; &quot;quotes&quot; make a phrase:
(kind:film OR kind:series) -status:completed &quot;lost in&quot;</source>
        <extracomment>Pause after a keystroke before searching, in ms: none (stale queries are skipped), but keystrokes that arrive together are searched once. Pause before the detail follows a new selection, in ms: typing or holding an arrow key stays fluid. Another client&apos;s changes to a shared catalog update the list and sidebar once per this many milliseconds, so that a burst of their saves (an import, a bulk refresh) costs one refresh, not one each. Images a person may drop on a poster: at most this many bytes and pixels a side.</extracomment>
        <translation>일반 단어는 모든 문자로 된 제목, 인물, 배역, 태그, 장르, 줄거리를 검색합니다.
단어는 앞부분부터 일치합니다. 예: star → Starlight. 한 글자만 입력하면 그 글자로 시작하는 제목을 나열합니다.
한글, 가나, 한자는 단어의 어느 부분으로도 찾을 수 있습니다. 예: 별에 → 이 별에 필요한

director:&quot;Han Ji-won&quot;   writer:  voice:  cast:  person:  character:
year:2020..2025   year:&gt;=2000   runtime:&lt;100
rating:&gt;=80   (내 평점, 0–100)   rating.rotten_tomatoes:&gt;=90   rating.imdb:&gt;=8
tag:space   genre:animation   platform:netflix   company:netflix   country:KR   language:ko
status:planned  (watching, completed, on_hold, dropped)   is:favourite   is:owned   is:watched
kind:series  (film, season, episode, anime…)   list:&quot;Korean animation&quot;   id:tt6751668

단어는 AND로 결합됩니다. OR는 대안을 지정하고, - 또는 NOT은 제외하며, (괄호)는 묶고, &quot;따옴표&quot;는 구문을 만듭니다:
(kind:film OR kind:series) -status:completed &quot;lost in&quot;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Delete “{title}”</source>
        <translation>“{title}” 삭제</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete {n} works</source>
        <translation>작품 {n}개 삭제</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add “{title}”</source>
        <translation>“{title}” 추가</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Add “{title}” from online</source>
        <translation>온라인에서 “{title}” 추가</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Import {file}</source>
        <translation>{file} 가져오기</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{app} — {catalog}</source>
        <extracomment>How long a Python thread may keep the interpreter before another gets a turn. Workers (a bulk refresh, searches) run Python code for long stretches; with Python&apos;s 5 ms the event loop could wait several turns in a row.</extracomment>
        <translation>{app} — {catalog}</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Search titles, people, tags…  e.g. director:&quot;Han Ji-won&quot; year:2020..2025  (F1: help)</source>
        <extracomment>Hears other clients&apos; changes to a shared catalog (None for a catalog file).</extracomment>
        <translation>제목, 인물, 태그 검색…  예: director:&quot;Han Ji-won&quot; year:2020..2025  (F1: 도움말)</translation>
    </message>
    <message>
        <location line="+56"/>
        <location filename="../../catalog_app/gui/self_test.py" line="+101"/>
        <source>&amp;File</source>
        <extracomment>The search the self-test types, and the one work of the sample it must find. Its original title, which the detail panel must show (Hangul: the fonts and text shaping work). How long each step may take, generous for a cold start from a slow disk.</extracomment>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect to a shared catalog…</source>
        <translation>공유 카탈로그에 연결(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open your &amp;local catalog</source>
        <translation>로컬 카탈로그 열기(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;New work…</source>
        <translation>새 작품(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit work</source>
        <translation>작품 편집(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add from &amp;online…</source>
        <translation>온라인에서 추가(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh &amp;metadata…</source>
        <translation>메타데이터 새로 고침(&amp;M)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste title as new work</source>
        <translation>제목을 새 작품으로 붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Find</source>
        <translation>찾기(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this &amp;search…</source>
        <translation>이 검색 저장(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Table</source>
        <translation>표(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Posters</source>
        <translation>포스터(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Back to the work</source>
        <translation>작품으로 돌아가기(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Columns</source>
        <translation>열(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Searching</source>
        <translation>검색 방법(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Starlight</source>
        <translation>Starlight 정보(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Save your changes to this work?</source>
        <translation>이 작품의 변경 사항을 저장하시겠습니까?</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{n:,}+ works, counting…</source>
        <translation>작품 {n:,}개 이상, 세는 중…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 work</source>
        <translation>작품 1개</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n:,} works</source>
        <translation>작품 {n:,}개</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Connected to the shared catalog again.</source>
        <translation>공유 카탈로그에 다시 연결했습니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ Shared catalog unreachable, reconnecting…</source>
        <translation>⚠ 공유 카탈로그에 연결할 수 없습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The work on show was deleted by someone else.</source>
        <translation>표시 중인 작품을 다른 사람이 삭제했습니다.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Refresh “{title}” from {source}</source>
        <translation>{source}에서 “{title}” 새로 고침</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refreshed. Undo with Ctrl+Z.</source>
        <translation>새로 고쳤습니다. Ctrl+Z로 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} works were left as they are, because they changed since ({title}: {why})</source>
        <translation>작품 {n}개는 그사이 변경되어 그대로 두었습니다({title}: {why})</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not be looked up: {why}</source>
        <translation>조회할 수 없습니다: {why}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Looking up their other works…</source>
        <translation>이 인물의 다른 작품을 조회하는 중…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Adding “{title}”…</source>
        <translation>“{title}” 추가하는 중…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>“{title}” is not in your catalog yet. Add it from {source}?</source>
        <translation>“{title}”은(는) 아직 카탈로그에 없습니다. {source}에서 추가하시겠습니까?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{title}” is not in your catalog yet. Add it?</source>
        <translation>“{title}”은(는) 아직 카탈로그에 없습니다. 추가하시겠습니까?</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Poster replaced.</source>
        <translation>포스터를 교체했습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A poster cannot be shown: {reason}</source>
        <translation>포스터를 표시할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New work</source>
        <translation>새 작품</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Added “{title}”. Undo with Ctrl+Z.</source>
        <translation>“{title}”을(를) 추가했습니다. Ctrl+Z로 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Fetching…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Refresh {n} works</source>
        <translation>작품 {n}개 새로 고침</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A metadata refresh stopped with {n} of {total} works left. Go on with it now?</source>
        <translation>메타데이터 새로 고침이 작품 {total}개 중 {n}개를 남기고 중단되었습니다. 지금 계속하시겠습니까?</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Deleted. Undo with Ctrl+Z.</source>
        <translation>삭제했습니다. Ctrl+Z로 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Starlight could not be started again; start it yourself to open {target}.</source>
        <translation>Starlight를 다시 시작할 수 없습니다. {target}을(를) 열려면 직접 시작하세요.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type a search first.</source>
        <translation>먼저 검색어를 입력하세요.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save search</source>
        <translation>검색 저장</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Imported {file}: added {added:,}, updated {updated:,}. Undo with Ctrl+Z.</source>
        <translation>{file}에서 가져왔습니다: {added:,}개 추가, {updated:,}개 업데이트. Ctrl+Z로 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Searching</source>
        <translation>검색 방법</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About Starlight</source>
        <translation>Starlight 정보</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;{app} {version}&lt;/b&gt;&lt;br&gt;A catalog of the films, series and anime you watch.&lt;/p&gt;&lt;p&gt;Online metadata:&lt;br&gt;This product uses the TMDB API but is not endorsed or certified by TMDB (&lt;a href=&apos;https://www.themoviedb.org&apos;&gt;themoviedb.org&lt;/a&gt;).&lt;br&gt;TV data from &lt;a href=&apos;https://www.tvmaze.com&apos;&gt;TVmaze&lt;/a&gt;, licensed CC BY-SA 4.0.&lt;br&gt;Data from &lt;a href=&apos;https://www.wikidata.org&apos;&gt;Wikidata&lt;/a&gt; (CC0).&lt;br&gt;Anime data from &lt;a href=&apos;https://myanimelist.net&apos;&gt;MyAnimeList&lt;/a&gt; through &lt;a href=&apos;https://jikan.moe&apos;&gt;Jikan&lt;/a&gt;; AniList and OMDb when turned on.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{app} {version}&lt;/b&gt;&lt;br&gt;내가 보는 영화, 시리즈, 애니메이션의 카탈로그입니다.&lt;/p&gt;&lt;p&gt;온라인 메타데이터:&lt;br&gt;이 제품은 TMDB API를 사용하지만 TMDB의 보증이나 인증을 받지 않았습니다(&lt;a href=&apos;https://www.themoviedb.org&apos;&gt;themoviedb.org&lt;/a&gt;).&lt;br&gt;TV 데이터 출처: &lt;a href=&apos;https://www.tvmaze.com&apos;&gt;TVmaze&lt;/a&gt;, CC BY-SA 4.0 라이선스.&lt;br&gt;데이터 출처: &lt;a href=&apos;https://www.wikidata.org&apos;&gt;Wikidata&lt;/a&gt; (CC0).&lt;br&gt;애니메이션 데이터 출처: &lt;a href=&apos;https://jikan.moe&apos;&gt;Jikan&lt;/a&gt;을 통한 &lt;a href=&apos;https://myanimelist.net&apos;&gt;MyAnimeList&lt;/a&gt;, 켜져 있을 때는 AniList와 OMDb.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy title</source>
        <translation>제목 복사</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>The shared catalog could not be opened: {reason}

Your local catalog opens instead; File → Connect to a shared catalog… tries again.</source>
        <translation>공유 카탈로그를 열 수 없습니다: {reason}

대신 로컬 카탈로그를 엽니다. 파일 → 공유 카탈로그에 연결…에서 다시 시도할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Welcome: this is a sample catalog to explore.</source>
        <extracomment>How long after start the first snapshot check runs.</extracomment>
        <translation>환영합니다. 둘러볼 수 있는 예시 카탈로그입니다.</translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message>
        <location filename="../../catalog_app/gui/online_dialog.py" line="-88"/>
        <source>Title</source>
        <extracomment>A refresh preview&apos;s fields (core.merge.MERGE_FIELDS) as MergePreviewDialog names them; another shows as its key, capitalized.</extracomment>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original language</source>
        <translation>원어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Titles</source>
        <translation>제목 목록</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End year</source>
        <translation>종료 연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runtime</source>
        <translation>상영 시간</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synopsis</source>
        <translation>줄거리</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tagline</source>
        <translation>태그라인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content rating</source>
        <translation>관람 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genres</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Countries</source>
        <translation>국가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release dates</source>
        <translation>공개일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credits</source>
        <translation>크레딧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>회사</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratings</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>시청 정보</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relations</source>
        <translation>관련 작품</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External ids</source>
        <translation>외부 ID</translation>
    </message>
    <message>
        <location line="+381"/>
        <source>Refresh “{title}” from {source}</source>
        <translation>{source}에서 “{title}” 새로 고침</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In your catalog</source>
        <translation>내 카탈로그</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New value</source>
        <translation>새 값</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ticked fields are taken from {source}; locked fields are never changed ({locked}).</source>
        <translation>선택한 항목은 {source}에서 가져옵니다. 잠긴 항목은 바뀌지 않습니다({locked}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none locked</source>
        <translation>잠긴 항목 없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The work has no poster: {source}&apos;s is added.</source>
        <translation>작품에 포스터가 없어 {source}의 포스터를 추가합니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing to change: the catalog already has what {source} knows.</source>
        <translation>바꿀 내용이 없습니다. {source}의 정보가 이미 카탈로그에 있습니다.</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../../catalog_app/gui/person_view.py" line="+67"/>
        <source>Select a person to see their works.</source>
        <extracomment>(provider, its id, title): a work of the person&apos;s filmography the catalog lacks, to add. Works shown per role from an online source; the rest are counted (&quot;and 12 more&quot;).</extracomment>
        <translation>인물을 선택하면 그 인물의 작품을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Voice roles</source>
        <translation>성우 출연</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acting</source>
        <translation>출연</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Crew</source>
        <translation>제작진</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No works in your catalog</source>
        <translation>카탈로그에 작품 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 work in your catalog</source>
        <translation>카탈로그에 작품 1개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} works in your catalog</source>
        <translation>카탈로그에 작품 {n}개</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In your catalog</source>
        <translation>내 카탈로그</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+48"/>
        <source>{title} ({year})</source>
        <translation>{title} ({year})</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+54"/>
        <source>as {character}</source>
        <translation>{character} 역</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>On {source}</source>
        <translation>{source}의 작품</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No films or series listed.</source>
        <translation>등록된 영화나 시리즈가 없습니다.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>and {n} more</source>
        <translation>외 {n}개</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>add</source>
        <translation>추가</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add “{title}” to your catalog</source>
        <translation>“{title}”을(를) 카탈로그에 추가합니다</translation>
    </message>
</context>
<context>
    <name>PosterCache</name>
    <message>
        <location filename="../../catalog_app/gui/posters.py" line="+637"/>
        <source>{file}: {reason}</source>
        <extracomment>Poster files larger than this are refused unread. Images wider or taller than this are refused before decoding (their header is all that is read). Decode requests kept waiting; older ones are dropped (their rows have long scrolled away, and ask again when they are painted again). Failures remembered, so that a broken file is not decoded again on every repaint. A poster missing here that could be fetched is asked for again after this many seconds (the network may be back, or another computer may have added its address); other failures are final for the session. The same time as the fetcher&apos;s memory of what it could not get: asked sooner, it would only answer from that memory. Placeholders kept drawn (one per size and title). JPEG quality of the disk thumbnails: no visible loss at poster sizes, about a tenth of a PNG&apos;s bytes. A trim of the disk cache goes this far below its bound, so that it does not rescan the folder on every write. Temporary files older than this were left by a crash and are swept during a trim.</extracomment>
        <translation>{file}: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the file is missing</source>
        <translation>파일이 없습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file cannot be read ({error})</source>
        <translation>파일을 읽을 수 없습니다({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is {megabytes:.1f} MB, more than the {limit} MB a poster may have</source>
        <translation>파일이 {megabytes:.1f} MB로, 포스터 허용 크기인 {limit} MB를 넘습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the image is {width}×{height} pixels, more than {limit:,} pixels a side</source>
        <translation>이미지가 {width}×{height} 픽셀로, 한 변 최대 {limit:,} 픽셀을 넘습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not an image Starlight can read ({error})</source>
        <translation>Starlight가 읽을 수 있는 이미지가 아닙니다({error})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is cut short or damaged</source>
        <translation>파일이 잘렸거나 손상되었습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an unexpected error occurred ({error})</source>
        <translation>예기치 않은 오류가 발생했습니다({error})</translation>
    </message>
</context>
<context>
    <name>PosterDelegate</name>
    <message>
        <location filename="../../catalog_app/gui/poster_grid.py" line="+207"/>
        <source>{title} ({year})</source>
        <extracomment>The cell each work gets, caption included; the view widens it to share out the spare width of a row. Items laid out per pass, so that a long list shows at once and is laid out as the event loop goes on. Rows remembered as waiting for a poster; past this the memory is dropped (those rows ask again when painted).</extracomment>
        <translation>{title} ({year})</translation>
    </message>
</context>
<context>
    <name>PosterGridView</name>
    <message>
        <location line="+41"/>
        <source>Posters</source>
        <translation>포스터</translation>
    </message>
</context>
<context>
    <name>PosterView</name>
    <message>
        <location filename="../../catalog_app/gui/detail_panel.py" line="-859"/>
        <source>Drop an image file here to use it as the poster</source>
        <extracomment>The poster&apos;s size on the page (2:3). Below this width the poster sits above the title instead of beside it. Widest the text column grows; beyond it the page is centred, so lines stay readable. Suffixes of files that may be dropped on the poster. Order in which credit roles are listed (the order of CreditRole). Rating sources whose scores read as percentages (&quot;91%&quot;); others read as value/scale (&quot;8.5/10&quot;, &quot;74/100&quot;).</extracomment>
        <translation>이미지 파일을 여기에 놓으면 포스터로 사용합니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poster</source>
        <translation>포스터</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../catalog_app/gui/import_wizard.py" line="+355"/>
        <source>Check what will happen</source>
        <translation>결과 미리 보기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the import would do to your catalog. Nothing is written until you press Import.</source>
        <translation>가져오기로 카탈로그가 어떻게 바뀌는지 보여 줍니다. 가져오기를 누르기 전까지는 아무것도 기록되지 않습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>가져오기(&amp;I)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>new</source>
        <translation>새 작품</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>already in the catalog</source>
        <translation>이미 카탈로그에 있음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflicting</source>
        <translation>충돌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>doubtful</source>
        <translation>불확실</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>repeated</source>
        <translation>중복</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Same work</source>
        <translation>같은 작품</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+1"/>
        <source>Line</source>
        <translation>줄</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>In your catalog</source>
        <translation>내 카탈로그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work</source>
        <translation>작품</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What the file says otherwise</source>
        <translation>파일의 다른 내용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same work as</source>
        <translation>같은 작품인 줄</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A close title, or a year one off. Tick the ones that are the same work as the one in your catalog; the others are left out (neither merged nor added).</source>
        <translation>제목이 비슷하거나 연도가 1년 차이 나는 항목입니다. 카탈로그에 있는 작품과 같은 작품인 것을 선택하세요. 나머지는 제외됩니다(병합도 추가도 하지 않음).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your catalog says otherwise for these: it keeps your status and rating unless you tick Replace below. Viewings and notes are added either way.</source>
        <translation>이 작품들은 카탈로그의 내용과 다릅니다. 아래의 바꾸기 항목을 선택하지 않으면 카탈로그의 상태와 평점을 유지합니다. 감상 기록과 메모는 어느 쪽이든 추가됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines that are not taken, and why. Mend them in the file and import it again: what is already in comes in once.</source>
        <translation>가져오지 않는 줄과 그 이유입니다. 파일에서 고친 뒤 다시 가져오세요. 이미 가져온 항목은 한 번만 들어옵니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines that are the same work as an earlier line: taken together as one.</source>
        <translation>앞선 줄과 같은 작품인 줄입니다. 하나로 합쳐서 가져옵니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Replace my status and rating where they differ</source>
        <translation>다른 경우 내 상태와 평점 바꾸기(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unticked, the catalog keeps your status and rating where the file says otherwise; viewings and notes are added either way.</source>
        <translation>선택하지 않으면 파일의 내용이 달라도 카탈로그의 상태와 평점을 유지합니다. 감상 기록과 메모는 어느 쪽이든 추가됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save report…</source>
        <translation>보고서 저장(&amp;S)…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Read &amp;again</source>
        <translation>다시 읽기(&amp;A)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Reading {file}…</source>
        <translation>{file} 읽는 중…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Read as: {how}</source>
        <translation>읽은 형식: {how}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n:,} stretches of bytes that were not text were repaired or replaced.</source>
        <translation>텍스트가 아닌 바이트 구간 {n:,}곳을 복구하거나 대체했습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is nothing to import from this file.</source>
        <translation>이 파일에는 가져올 내용이 없습니다.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>work {id}</source>
        <translation>작품 {id}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no title)</source>
        <translation>(제목 없음)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and {n:,} more: the saved report has them all</source>
        <translation>… 외 {n:,}개: 저장한 보고서에 모두 있습니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Doubtful ({n:,})</source>
        <translation>불확실 ({n:,})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts ({n:,})</source>
        <translation>충돌 ({n:,})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped ({n:,})</source>
        <translation>건너뜀 ({n:,})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Repeated ({n:,})</source>
        <translation>중복 ({n:,})</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stopped; nothing was read into the catalog. Go back to choose another file, or read this one again.</source>
        <translation>중지했습니다. 카탈로그에는 아무것도 읽어 들이지 않았습니다. 돌아가서 다른 파일을 선택하거나 이 파일을 다시 읽으세요.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the import report</source>
        <translation>가져오기 보고서 저장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving the report…</source>
        <translation>보고서를 저장하는 중…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report saved to {path}</source>
        <translation>보고서를 {path}에 저장했습니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report could not be saved: {why}</source>
        <translation>보고서를 저장할 수 없습니다: {why}</translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <location filename="../../catalog_app/gui/detail_panel.py" line="+211"/>
        <source>Director</source>
        <translation>감독</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Directors</source>
        <translation>감독</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creator</source>
        <translation>크리에이터</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Creators</source>
        <translation>크리에이터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writer</source>
        <translation>각본</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Writers</source>
        <translation>각본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original story</source>
        <translation>원작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice cast</source>
        <translation>성우진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cast</source>
        <translation>출연진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Composer</source>
        <translation>작곡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Composers</source>
        <translation>작곡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Producer</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Producers</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executive producer</source>
        <translation>총괄 프로듀서</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Executive producers</source>
        <translation>총괄 프로듀서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cinematography</source>
        <translation>촬영</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editor</source>
        <translation>편집</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Editors</source>
        <translation>편집</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Animation director</source>
        <translation>작화 감독</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Animation directors</source>
        <translation>작화 감독</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character design</source>
        <translation>캐릭터 디자인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Art direction</source>
        <translation>미술</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crew</source>
        <translation>제작진</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Film</source>
        <translation>영화</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Miniseries</source>
        <translation>미니시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Season</source>
        <translation>시즌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Episode</source>
        <translation>에피소드</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Short film</source>
        <translation>단편 영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special</source>
        <translation>스페셜</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TV film</source>
        <translation>TV 영화</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OVA</source>
        <translation>OVA</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{site} {id}</source>
        <translation>{site} {id}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../catalog_app/gui/settings_dialog.py" line="+32"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Catalog:</source>
        <translation>카탈로그:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To use another catalog, start Starlight with --db PATH_OR_URL.</source>
        <translation>다른 카탈로그를 사용하려면 Starlight를 --db PATH_OR_URL 옵션으로 시작하세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Title in your language</source>
        <translation>내 언어로 된 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title (its own script)</source>
        <translation>원제(원래 문자)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Romanized title</source>
        <translation>로마자 표기 제목</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show titles as:</source>
        <translation>제목 표시 방식:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Posters in memory:</source>
        <translation>메모리의 포스터:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Poster thumbnails on disk:</source>
        <translation>디스크의 포스터 미리보기:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In use now: {mb:.1f} MB</source>
        <translation>현재 사용량: {mb:.1f} MB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online sources</source>
        <translation>온라인 소스</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>kept in the system keyring</source>
        <translation>시스템 키링에 저장됨</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{source} API key:</source>
        <translation>{source} API 키:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use AniList (its terms limit use in list and tracker apps; MyAnimeList through Jikan is used otherwise)</source>
        <translation>AniList 사용 (약관상 목록·트래커 앱에서의 사용이 제한됩니다. 사용하지 않으면 Jikan을 통해 MyAnimeList를 사용합니다)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Work offline (use only what was fetched before)</source>
        <translation>오프라인으로 작업 (이전에 가져온 정보만 사용)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language codes, best first, e.g. en, ko, ja</source>
        <translation>언어 코드, 선호하는 순서대로, 예: en, ko, ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Country code for release dates and where to watch, e.g. US, KR</source>
        <translation>공개일과 시청할 수 있는 곳에 쓸 국가 코드, 예: US, KR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>지역:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{source} address:</source>
        <translation>{source} 주소:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear cache</source>
        <translation>캐시 지우기</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cleared: answers and images will be fetched again.</source>
        <translation>지웠습니다. 응답과 이미지를 다시 가져옵니다.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../catalog_app/gui/sidebar.py" line="+67"/>
        <source>Library</source>
        <translation>라이브러리</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Films</source>
        <translation>영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anime</source>
        <translation>애니메이션</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My status</source>
        <translation>내 상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan to watch</source>
        <translation>볼 예정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Watching</source>
        <translation>보는 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On hold</source>
        <translation>보류</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped</source>
        <translation>중단</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lists</source>
        <translation>목록</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Genres</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platforms</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved searches</source>
        <translation>저장된 검색</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Everything in the catalog</source>
        <translation>카탈로그의 모든 작품</translation>
    </message>
</context>
<context>
    <name>WorkEditor</name>
    <message>
        <location filename="../../catalog_app/gui/editor.py" line="-174"/>
        <source>Add</source>
        <extracomment>Largest poster accepted: pixels a side and bytes of the file. People offered by the name completer at a time. Longest value shown in one cell of the conflict view (the value itself is never cut, only its display).</extracomment>
        <translation>추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a {what}</source>
        <translation>{what} 추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected rows</source>
        <translation>선택한 행 제거</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Move up</source>
        <translation>위로 이동</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Move down</source>
        <translation>아래로 이동</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Add {what}</source>
        <translation>{what} 추가</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove {what}</source>
        <translation>{what} 제거</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move {what}</source>
        <translation>{what} 이동</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Row {n}: {problem}</source>
        <translation>{n}행: {problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…and {n} more</source>
        <translation>…외 {n}개</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Film</source>
        <translation>영화</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Miniseries</source>
        <translation>미니시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Season</source>
        <translation>시즌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Episode</source>
        <translation>에피소드</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Short</source>
        <translation>단편</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special</source>
        <translation>스페셜</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TV film</source>
        <translation>TV 영화</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OVA</source>
        <translation>OVA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Director</source>
        <translation>감독</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Writer</source>
        <translation>각본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original story</source>
        <translation>원작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cast</source>
        <translation>출연진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice</source>
        <translation>성우</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Composer</source>
        <translation>작곡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Producer</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executive producer</source>
        <translation>총괄 프로듀서</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cinematographer</source>
        <translation>촬영 감독</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Editor</source>
        <translation>편집</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Animation director</source>
        <translation>작화 감독</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character designer</source>
        <translation>캐릭터 디자이너</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Art director</source>
        <translation>미술 감독</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creator</source>
        <translation>크리에이터</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Crew</source>
        <translation>제작진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Localized</source>
        <translation>현지화</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Romanized</source>
        <translation>로마자 표기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Alternative</source>
        <translation>다른 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working</source>
        <translation>가제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Short</source>
        <comment>a kind of title</comment>
        <translation>짧은 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stream</source>
        <translation>스트리밍</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free</source>
        <translation>무료</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>With ads</source>
        <translation>광고 포함</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rent</source>
        <translation>대여</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Buy</source>
        <translation>구매</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Own</source>
        <translation>소장</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequel</source>
        <translation>속편</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prequel</source>
        <translation>전편</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow-up</source>
        <translation>이전 작품</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remake</source>
        <translation>리메이크작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remake of</source>
        <translation>리메이크 원작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adaptation of</source>
        <translation>각색 원작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spin-off</source>
        <translation>스핀오프</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spin-off of</source>
        <translation>스핀오프 원작</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Same universe</source>
        <translation>같은 세계관</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared to</source>
        <translation>비교 대상</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Similar</source>
        <translation>비슷한 작품</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>볼 예정</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Watching</source>
        <translation>보는 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On hold</source>
        <translation>보류</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped</source>
        <translation>중단</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DVD</source>
        <translation>DVD</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blu-ray</source>
        <translation>블루레이</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>4K UHD</source>
        <translation>4K UHD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VHS</source>
        <translation>VHS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LaserDisc</source>
        <translation>레이저디스크</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digital</source>
        <translation>디지털</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+608"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-496"/>
        <source>Basics &amp;&amp; titles</source>
        <translation>기본 정보 &amp;&amp; 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <location line="+58"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original language</source>
        <translation>원어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. ko</source>
        <translation>예: ko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort title</source>
        <translation>정렬용 제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made from the title when empty</source>
        <translation>비워 두면 제목으로 만듭니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <location line="+45"/>
        <location line="+9"/>
        <location line="+57"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Anime</source>
        <translation>애니메이션</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>End year</source>
        <translation>종료 연도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runtime</source>
        <translation>상영 시간</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content rating</source>
        <translation>관람 등급</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tagline</source>
        <translation>태그라인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synopsis</source>
        <translation>줄거리</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>배경</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Music</source>
        <translation>음악</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original title:</source>
        <translation>원제:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original language:</source>
        <translation>원어:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort title:</source>
        <translation>정렬용 제목:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>종류:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year:</source>
        <translation>연도:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End year:</source>
        <translation>종료 연도:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runtime:</source>
        <translation>상영 시간:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>minutes</source>
        <translation>분</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Content rating:</source>
        <translation>관람 등급:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting:</source>
        <translation>배경:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tagline:</source>
        <translation>태그라인:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synopsis:</source>
        <translation>줄거리:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Music:</source>
        <translation>음악:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>genre</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genre</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+781"/>
        <source>Alternative titles</source>
        <translation>다른 제목</translation>
    </message>
    <message>
        <location line="-780"/>
        <location line="+780"/>
        <source>Genres</source>
        <translation>장르</translation>
    </message>
    <message>
        <location line="-779"/>
        <location line="+779"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location line="-775"/>
        <location line="+776"/>
        <source>Credits</source>
        <translation>크레딧</translation>
    </message>
    <message>
        <location line="-775"/>
        <source>credit</source>
        <translation>크레딧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original-script name</source>
        <translation>원어 이름</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Character</source>
        <translation>배역</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a name: picking an existing person from the suggestions (or typing their exact name) reuses them; any other name adds a new person, shown in italics.</source>
        <translation>이름을 입력하세요. 추천 목록에서 기존 인물을 고르거나 정확한 이름을 입력하면 그 인물을 다시 사용합니다. 그 밖의 이름은 새 인물로 추가되며 기울임꼴로 표시됩니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+760"/>
        <source>Ratings</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="-759"/>
        <source>rating</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale</source>
        <translation>척도</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Votes</source>
        <translation>투표 수</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scale may be left empty for known sources: {sources}.</source>
        <translation>알려진 출처는 척도를 비워 둘 수 있습니다: {sources}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+748"/>
        <source>Availability</source>
        <translation>시청 정보</translation>
    </message>
    <message>
        <location line="-747"/>
        <source>place to watch</source>
        <translation>시청할 수 있는 곳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Region</source>
        <translation>지역</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Link</source>
        <translation>링크</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+738"/>
        <source>Relations</source>
        <translation>관련 작품</translation>
    </message>
    <message>
        <location line="-737"/>
        <source>relation</source>
        <translation>관련 작품</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In catalog</source>
        <translation>카탈로그</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+728"/>
        <source>Quotes</source>
        <translation>인용</translation>
    </message>
    <message>
        <location line="-727"/>
        <source>quote</source>
        <translation>인용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>작성자</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlet</source>
        <translation>매체</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Personal</source>
        <translation>개인 기록</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+717"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="-715"/>
        <location line="+716"/>
        <source>My rating</source>
        <translation>내 평점</translation>
    </message>
    <message>
        <location line="-715"/>
        <source>Rating</source>
        <translation>평점</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+714"/>
        <source>Favourite</source>
        <translation>즐겨찾기</translation>
    </message>
    <message>
        <location line="-713"/>
        <location line="+714"/>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="-712"/>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My rating:</source>
        <translation>내 평점:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out of 100</source>
        <translation>/ 100</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>viewing</source>
        <translation>감상 기록</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewatch</source>
        <translation>재감상</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>copy</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edition</source>
        <translation>판</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>보관 위치</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaned to</source>
        <translation>빌려준 사람</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaned on</source>
        <translation>빌려준 날짜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acquired on</source>
        <translation>입수일</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+693"/>
        <source>Viewings</source>
        <translation>감상 기록</translation>
    </message>
    <message>
        <location line="-692"/>
        <location line="+693"/>
        <source>Owned copies</source>
        <translation>소장본</translation>
    </message>
    <message>
        <location line="-690"/>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pixels</source>
        <translation>픽셀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File size</source>
        <translation>파일 크기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shown</source>
        <translation>표시</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace poster…</source>
        <translation>포스터 교체…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PNG, JPEG, WebP, GIF or SVG; at most {px:,} pixels a side and {mb} MB.</source>
        <translation>PNG, JPEG, WebP, GIF 또는 SVG, 한 변 최대 {px:,} 픽셀, 최대 {mb} MB.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Someone else changed this work. Your edits are still here; saving shows both versions to choose from.</source>
        <translation>다른 사람이 이 작품을 변경했습니다. 내 편집 내용은 그대로 있으며, 저장하면 두 버전을 보고 고를 수 있습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Someone else changed this work; showing their version.</source>
        <translation>다른 사람이 이 작품을 변경했습니다. 상대방의 버전을 표시합니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Someone else deleted this work. Your edits are still here, but they cannot be saved.</source>
        <translation>다른 사람이 이 작품을 삭제했습니다. 내 편집 내용은 그대로 있지만 저장할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not saved: fix the problems marked in red first.</source>
        <translation>저장하지 않았습니다. 먼저 빨간색으로 표시된 문제를 고치세요.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Replace poster</source>
        <translation>포스터 교체</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.svg);;All files (*)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.webp *.gif *.svg);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the file: {reason}</source>
        <translation>파일을 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Poster replaced: {w} × {h} pixels, {size}.</source>
        <translation>포스터를 교체했습니다: {w} × {h} 픽셀, {size}.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Edit {field}</source>
        <translation>{field} 편집</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Edit {what} {column}</source>
        <translation>{what} {column} 편집</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>A person already in the catalog</source>
        <translation>카탈로그에 이미 있는 인물</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new person: added to the catalog when you save</source>
        <translation>새 인물: 저장할 때 카탈로그에 추가됩니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Linked</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Linked to work {id} of this catalog</source>
        <translation>이 카탈로그의 작품 {id}에 연결됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not linked: the work is not in this catalog</source>
        <translation>연결 안 됨: 이 카탈로그에 없는 작품입니다</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>A title is required</source>
        <translation>제목은 필수입니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} is required</source>
        <translation>{field} 항목은 필수입니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be between {low} and {high}</source>
        <translation>{field} 값은 {low}에서 {high} 사이여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a whole number</source>
        <translation>{field} 값은 정수여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a number</source>
        <translation>{field} 값은 숫자여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} is too long: {n} characters, at most {max}</source>
        <translation>{field} 값이 너무 깁니다: {n}자 (최대 {max}자)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a date like 2025-05-30, 2025-05 or 2025</source>
        <translation>{field} 값은 2025-05-30, 2025-05, 2025 같은 날짜여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a code like &apos;ko&apos; or &apos;KR&apos;</source>
        <translation>{field} 값은 &apos;ko&apos;나 &apos;KR&apos; 같은 코드여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a link starting with http:// or https://</source>
        <translation>{field} 값은 http:// 또는 https://로 시작하는 링크여야 합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} ({end}) is before the year ({start})</source>
        <translation>{field} 값({end})이 연도({start})보다 이릅니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be a short name like &apos;imdb&apos; or &apos;rotten_tomatoes&apos; (letters, digits, _ . : -)</source>
        <translation>{field} 값은 &apos;imdb&apos;나 &apos;rotten_tomatoes&apos; 같은 짧은 이름이어야 합니다(문자, 숫자, _ . : -)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field} is required for the source &apos;{source}&apos;</source>
        <translation>&apos;{source}&apos; 출처에는 {field} 항목이 필요합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} &apos;{value}&apos; appears twice</source>
        <translation>{field} 값 &apos;{value}&apos;이(가) 중복됩니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} contains a NUL character</source>
        <translation>{field}에 NUL 문자가 있습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} contains a broken character</source>
        <translation>{field}에 깨진 문자가 있습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>1 problem to fix before saving</source>
        <translation>저장하기 전에 고쳐야 할 문제 1개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} problems to fix before saving</source>
        <translation>저장하기 전에 고쳐야 할 문제 {n}개</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved: {reason}</source>
        <translation>저장하지 않았습니다: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: someone else deleted this work. Your edits are still here.</source>
        <translation>저장하지 않았습니다. 다른 사람이 이 작품을 삭제했습니다. 내 편집 내용은 그대로 있습니다.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not saved yet: someone else changed this work; choose what to keep.</source>
        <translation>아직 저장하지 않았습니다. 다른 사람이 이 작품을 변경했습니다. 유지할 내용을 고르세요.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved: someone else changed this work. Save again to compare.</source>
        <translation>저장하지 않았습니다. 다른 사람이 이 작품을 변경했습니다. 다시 저장하면 비교할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Showing their version; your edits were discarded.</source>
        <translation>상대방의 버전을 표시합니다. 내 편집 내용은 버렸습니다.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>number</source>
        <translation>번호</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>release dates</source>
        <translation>공개일</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>countries</source>
        <translation>국가</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>languages</source>
        <translation>언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>companies</source>
        <translation>회사</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>external ids</source>
        <translation>외부 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>(empty)</source>
        <translation>(비어 있음)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+100"/>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{who} — {role} as {character}</source>
        <translation>{who} — {role}, {character} 역</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} — {role}</source>
        <translation>{who} — {role}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> ({n} votes)</source>
        <translation> ({n}표)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> — linked</source>
        <translation> — 연결됨</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no date)</source>
        <translation>(날짜 없음)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> — rewatch</source>
        <translation> — 재감상</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loaned to {who}</source>
        <translation>{who}에게 빌려줌</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not used: the file is {size}; a poster may be at most {max} MB.</source>
        <translation>사용하지 않음: 파일 크기가 {size}입니다. 포스터는 최대 {max} MB까지 가능합니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not used: the file is larger than {max} MB.</source>
        <translation>사용하지 않음: 파일이 {max} MB보다 큽니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used: this file is not an image Starlight can read ({reason}).</source>
        <translation>사용하지 않음: Starlight가 읽을 수 있는 이미지 파일이 아닙니다({reason}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not used: the image does not say how large it is.</source>
        <translation>사용하지 않음: 이미지에 크기 정보가 없습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not used: the image is {w:,} × {h:,} pixels; a poster may be at most {max:,} pixels a side.</source>
        <translation>사용하지 않음: 이미지가 {w:,} × {h:,} 픽셀입니다. 포스터는 한 변 최대 {max:,} 픽셀까지 가능합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not used: the JPEG file is cut short (it does not reach its end marker).</source>
        <translation>사용하지 않음: JPEG 파일이 잘렸습니다(끝 표시까지 이어지지 않습니다).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} bytes</source>
        <translation>{n}바이트</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n:.1f} KB</source>
        <translation>{n:.1f} KB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n:.1f} MB</source>
        <translation>{n:.1f} MB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Poster</source>
        <translation>포스터</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backdrop</source>
        <translation>배경 이미지</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photo</source>
        <translation>사진</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still</source>
        <translation>스틸컷</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Logo</source>
        <translation>로고</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No poster</source>
        <translation>포스터 없음</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The poster file is missing</source>
        <translation>포스터 파일이 없습니다</translation>
    </message>
</context>
<context>
    <name>WorkListModel</name>
    <message>
        <location filename="../../catalog_app/gui/work_list_model.py" line="+37"/>
        <source>Film</source>
        <extracomment>Pages kept in memory (10,000 rows): several screens of scrolling either way.</extracomment>
        <translation>영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Miniseries</source>
        <translation>미니시리즈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Season</source>
        <translation>시즌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Episode</source>
        <translation>에피소드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short</source>
        <translation>단편</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special</source>
        <translation>스페셜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TV film</source>
        <translation>TV 영화</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OVA</source>
        <translation>OVA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan to watch</source>
        <translation>볼 예정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watching</source>
        <translation>보는 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hold</source>
        <translation>보류</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped</source>
        <translation>중단</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Title</source>
        <extracomment>Column keys in order; each is also a sort key of store.listing. The search could not be read (a bad field value): one line saying why. A new result set is shown, with its count (or its rows so far, when the total is still being counted). The total of a broad search is known (it was shown as its first rows). The count of the result shown, or an estimate while it is being counted (it picks the page plan).</extracomment>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Original title</source>
        <translation>원제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Director</source>
        <translation>감독</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My rating</source>
        <translation>내 평점</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>추가일</translation>
    </message>
    <message>
        <location line="+216"/>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{kind}, anime</source>
        <translation>{kind}, 애니메이션</translation>
    </message>
</context>
</TS>
