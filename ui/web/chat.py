"""The 问答 tab: saved conversations, answers with their facts and clickable sources, 👍/👎, exports.

Conversations live in the assistant's store (server-side); the browser keeps only an owner id and the
conversation it had open, so a reload shows the same conversation and follow-ups keep their history.
The chat is rebuilt from the store after every answer: what is shown is what was saved. No event takes
the chatbot's value as input: the history comes from the store, never from the browser.
"""

from __future__ import annotations

import html
import logging
import uuid

import gradio as gr

from assistant.conversations import Conversation, ConversationError, Turn
from assistant.pipeline import PolicyAssistant, QuestionError
from corpus.errors import PolicyAssistantError
from ui import exports, markdown
from ui.web import reader
from ui.web.files import export_file

logger = logging.getLogger(__name__)

EXAMPLES = [
    "哪些区县PM10未达标？",
    "海门市2020年PM2.5目标是多少？",
    "恩平市有哪些任务进度滞后？",
    "台山市2023年中央资金环保专项资金执行率是多少？",
    "江门十三五规划对黑臭水体有什么要求？",
    "鹤山PM10为什么没达标，有什么措施？",
]
# the facts table under the chat: the unit beside each figure, so the columns fit beside a reader
SCREEN_FACTS = ["表", "区域", "项目", "数值", "目标", "状态", "说明", "来源"]
SCREEN_FACT_WIDTHS = ["76px", "64px", "130px", "96px", "96px", "64px", "150px", "200px"]
STREAM_PIECE = 24  # characters added per streamed update
QUOTE_CHARS = 160  # of a quote in the sources panel (the reader shows all of it)
NEW_TITLE = "新对话"
# the assistant reads only the last question of the history (a follow-up's subject): sending a few messages
# keeps a long conversation under the history limits (`Settings.max_history_*`)
HISTORY_SENT = 4
EXTRACTIVE = "抽取式（摘录原文，不调用大模型）"
RATING_OF_FEEDBACK = {"Like": 1, "Dislike": -1}
FEEDBACK_OF_RATING = {1: "Like", -1: "Dislike"}
SOURCES_JS = (
    "element.addEventListener('click', (event) => {"
    " const button = event.target.closest('button[data-index]');"
    " if (button) trigger('click', {turn: Number(button.dataset.turn), index: Number(button.dataset.index)}); });"
)


def toast(message: str) -> None:
    """A warning toast in Chinese (Gradio renders the message as HTML: it is escaped)."""
    gr.Warning(html.escape(message), title="提示")


def chat_tab(assistant: PolicyAssistant, browser_secret: str):
    """Build the tab; returns (load, inputs, outputs) that fill it when the page opens."""
    store = assistant.conversations
    owner = gr.BrowserState(None, storage_key="policy-assistant-owner", secret=browser_secret)
    current = gr.BrowserState(None, storage_key="policy-assistant-conversation", secret=browser_secret)
    message_turns = gr.State([])  # chatbot message index → turn id (None for the user's messages)

    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=200, elem_id="conversations"):
            new_chat = gr.Button("＋ 新对话", variant="secondary", elem_id="new-conversation")
            listing = gr.Radio([], label="我的对话", elem_id="conversation-list")
            title = gr.Textbox(label="对话名称", max_lines=1, elem_id="conversation-title")
            with gr.Row():
                rename = gr.Button("重命名", size="sm", elem_id="rename-conversation")
                delete = gr.Button("删除", size="sm", variant="stop", elem_id="delete-conversation")
            with gr.Row(visible=False) as confirm_row:
                confirm = gr.Button("确定删除", size="sm", variant="stop", elem_id="confirm-delete")
                cancel = gr.Button("取消", size="sm")
        with gr.Column(scale=3, min_width=480):
            chatbot = gr.Chatbot(
                label="对话", show_label=False, height="calc(100vh - 320px)", min_height=320, max_height=720, elem_id="chatbot",
                sanitize_html=True, buttons=["copy"], feedback_options=("Like", "Dislike"),
                placeholder="在下方输入问题；回答附带来源，点击来源可在原文中查看。",
            )  # fmt: skip
            with gr.Row(equal_height=True):
                # usable once the page has loaded the browser's owner id: a question sent before would have no owner
                question = gr.Textbox(
                    placeholder="输入问题，例如：哪些区县PM10未达标？", interactive=False,
                    show_label=False, lines=1, max_lines=6, scale=8, elem_id="question", autofocus=True,
                )  # fmt: skip
                send = gr.Button("发送", variant="primary", interactive=False, scale=1, min_width=90, elem_id="send")
            with gr.Row(visible=False, elem_id="feedback-row") as feedback_row:
                comment = gr.Textbox(
                    label="补充说明（可选）", placeholder="哪里不对、应当如何回答……", max_lines=3, scale=6,
                    elem_id="feedback-comment",
                )  # fmt: skip
                save_comment = gr.Button("提交说明", scale=1, elem_id="feedback-submit")
            feedback_note = gr.Markdown(elem_id="feedback-note")
            backend = gr.Markdown(_backend_note(assistant, None), elem_id="backend")
            sources = gr.HTML("", js_on_load=SOURCES_JS, elem_id="sources")
            facts = gr.Dataframe(
                headers=SCREEN_FACTS, label="计算所用数据（来自表格）", interactive=False, wrap=True,
                visible=False, elem_id="facts", max_height=360, column_widths=SCREEN_FACT_WIDTHS,
            )  # fmt: skip
            with gr.Row(visible=False) as export_row:
                export_xlsx = gr.DownloadButton("导出本条回答（Excel）", size="sm", elem_id="export-answer-xlsx")
                export_md = gr.DownloadButton("导出本条回答（Markdown）", size="sm", elem_id="export-answer-md")
            gr.Examples(EXAMPLES, inputs=question, label="示例问题")
        with gr.Column(
            scale=2, min_width=360, visible=False, elem_id="chat-reader", elem_classes="reader-panel"
        ) as reader_column:
            with gr.Row(equal_height=False):
                reader_title = gr.Markdown(elem_id="chat-reader-title")
                close_reader = gr.Button("关闭原文", size="sm", scale=0, min_width=90, elem_id="close-reader")
            reader_view = gr.HTML(
                "", js_on_load=reader.SCROLL_TO_CITED_JS, max_height=680, css_template=reader.READER_CSS,
                elem_id="chat-reader-text", padding=True,
            )  # fmt: skip

    answer_outputs = [sources, facts, export_row, export_xlsx, export_md, backend]

    def answer_panel(turn: Turn | None):
        """Sources, facts, exports and the backend line of one answer (or nothing)."""
        if turn is None:
            return ["", gr.update(visible=False), gr.update(visible=False), None, None, _backend_note(assistant, None)]
        answer = turn.answer
        frame = _screen_facts(answer)
        name = _file_name(turn.question)
        return [
            _sources_html(turn),
            gr.update(value=frame, visible=len(frame) > 0),
            gr.update(visible=True),
            export_file(f"{name}.xlsx", exports.answer_workbook(answer)),
            export_file(f"{name}.md", exports.answer_markdown(answer)),
            _backend_note(assistant, answer),
        ]

    def show(conversation: Conversation | None, owner_id: str):
        """Everything that depends on the open conversation."""
        summaries = store.list_conversations(owner_id)
        choices = [(s.title, s.id) for s in summaries]
        if conversation is None:
            return [gr.update(choices=choices, value=None), "", gr.update(value=[], feedback_value=[]), [],
                    gr.update(visible=False), "", *answer_panel(None)]  # fmt: skip
        messages, turns, feedback = _messages(conversation)
        last = conversation.turns[-1] if conversation.turns else None
        return [
            gr.update(choices=choices, value=conversation.id),
            conversation.title,
            gr.update(value=messages, feedback_value=feedback),
            turns,
            gr.update(visible=False),
            "",
            *answer_panel(last),
        ]

    view_outputs = [listing, title, chatbot, message_turns, feedback_row, feedback_note, *answer_outputs]

    def load(owner_id: str | None, conversation_id: str | None):
        owner_id = owner_id or uuid.uuid4().hex
        try:
            conversation = store.get(owner_id, conversation_id) if conversation_id else None
        except ConversationError:
            conversation = None
        ready = gr.update(interactive=True)
        return [owner_id, conversation.id if conversation else None, ready, ready, *show(conversation, owner_id)]

    def respond(text: str, owner_id: str, conversation_id: str | None):
        try:
            text = assistant.check_question(text)
        except QuestionError as exc:  # the typed text stays in the box
            toast(str(exc))
            yield {question: gr.update()}  # nothing changes: the typed text stays
            return
        try:
            if conversation_id is None:
                conversation_id = store.create(owner_id, NEW_TITLE).id
            conversation = store.get(owner_id, conversation_id)
        except ConversationError as exc:
            toast(str(exc))
            yield {question: gr.update()}  # nothing changes: the typed text stays
            return
        saved, _, _ = _messages(conversation)
        shown = saved + [{"role": "user", "content": markdown.escape(text)}]
        placeholder = shown + [{"role": "assistant", "content": "正在查找……"}]
        yield {chatbot: gr.update(value=placeholder), current: conversation_id, owner: owner_id}
        try:
            answer = assistant.ask(text, recent_history(conversation))
        except PolicyAssistantError as exc:  # e.g. a service down: the question goes back to the box alone
            toast(str(exc))
            yield {chatbot: gr.update(value=saved)}
            return
        for end in range(STREAM_PIECE, len(answer.answer), STREAM_PIECE):  # the answer appears as it is written
            piece = markdown.escape(answer.answer[:end])
            yield {chatbot: gr.update(value=shown + [{"role": "assistant", "content": piece}])}
        store.add_turn(owner_id, conversation_id, text, answer.to_dict())
        updated = store.get(owner_id, conversation_id)
        yield dict(zip(view_outputs, show(updated, owner_id), strict=True)) | {question: ""}

    def open_conversation(conversation_id: str | None, owner_id: str):
        if not conversation_id:
            return [None, *show(None, owner_id)]
        try:
            conversation = store.get(owner_id, conversation_id)
        except ConversationError as exc:
            toast(str(exc))
            return [None, *show(None, owner_id)]
        return [conversation.id, *show(conversation, owner_id)]

    def rename_conversation(new_title: str, owner_id: str, conversation_id: str | None):
        if not conversation_id:
            toast("请先在左侧选择一个对话，或提出第一个问题")
            return gr.update()
        try:
            store.rename(owner_id, conversation_id, new_title)
        except ConversationError as exc:
            toast(str(exc))
        summaries = store.list_conversations(owner_id)
        return gr.update(choices=[(s.title, s.id) for s in summaries], value=conversation_id)

    def delete_conversation(owner_id: str, conversation_id: str | None):
        if conversation_id:
            try:
                store.delete(owner_id, conversation_id)
            except ConversationError as exc:
                toast(str(exc))
        return [None, gr.update(visible=False), *show(None, owner_id)]

    def select_answer(message_turn_ids: list, owner_id: str, conversation_id: str | None, event: gr.SelectData):
        """A click on an answer shows its facts, sources and exports below the chat."""
        turn = _turn_at(store, owner_id, conversation_id, message_turn_ids, event.index)
        if turn is None:
            return [gr.update()] * len(answer_outputs)
        return answer_panel(turn)

    def rate(message_turn_ids: list, owner_id: str, conversation_id: str | None, event: gr.LikeData):
        rating = RATING_OF_FEEDBACK.get(event.liked) if isinstance(event.liked, str) else None
        if rating is None and isinstance(event.liked, bool):
            rating = 1 if event.liked else -1
        turn = _turn_at(store, owner_id, conversation_id, message_turn_ids, event.index)
        if turn is None or rating is None:
            return gr.update(), gr.update(), None, ""
        try:
            store.rate(owner_id, turn.id, rating)
        except ConversationError as exc:
            toast(str(exc))
            return gr.update(), gr.update(), None, ""
        note = f"已记录您的评价（{'👍' if rating == 1 else '👎'}），谢谢。可以补充说明原因："
        return gr.update(visible=True), gr.update(value=turn.comment), turn.id, note

    rated_turn = gr.State(None)

    def comment_on(text: str, owner_id: str, turn_id: int | None):
        if turn_id is None:
            return gr.update(), "请先点击回答下方的 👍 或 👎"
        try:
            store.comment(owner_id, turn_id, text)
        except ConversationError as exc:
            return gr.update(), markdown.escape(str(exc))
        return gr.update(visible=False), "已保存补充说明，谢谢。"

    def open_source(owner_id: str, conversation_id: str | None, event: gr.EventData):
        data = getattr(event, "_data", None) or {}
        turn = next(
            (t for t in _turns(store, owner_id, conversation_id) if t.id == data.get("turn")),
            None,
        )
        citations = turn.answer.get("citations", []) if turn else []
        index = data.get("index")
        if not isinstance(index, int) or not 0 <= index < len(citations):
            return gr.update(), gr.update(), gr.update()
        citation = citations[index]
        document = assistant.document(citation["doc_id"])
        if document is None:
            toast("这份文件已不在当前数据中（可能已被删除或替换）")
            return gr.update(), gr.update(), gr.update()
        heading = (
            f"**来源 {index + 1}**　《{markdown.escape(citation['title'])}》{markdown.escape(citation['section'])}"
        )
        return gr.update(visible=True), heading, reader.render(document, citation["quote"])

    page_load = (load, [owner, current], [owner, current, question, send, *view_outputs])
    for trigger in (send.click, question.submit):  # the chat alone shows that an answer is coming
        trigger(
            respond, [question, owner, current], [question, owner, current, *view_outputs], show_progress_on=[chatbot]
        )
    for trigger in (new_chat.click, chatbot.clear):  # the chat's own 「清空对话」 starts a new one too
        trigger(lambda owner_id: [None, *show(None, owner_id)], [owner], [current, *view_outputs])
    listing.input(open_conversation, [listing, owner], [current, *view_outputs])
    rename.click(rename_conversation, [title, owner, current], [listing])
    delete.click(lambda: gr.update(visible=True), None, [confirm_row])
    cancel.click(lambda: gr.update(visible=False), None, [confirm_row])
    confirm.click(delete_conversation, [owner, current], [current, confirm_row, *view_outputs])
    chatbot.select(select_answer, [message_turns, owner, current], answer_outputs)
    chatbot.like(rate, [message_turns, owner, current], [feedback_row, comment, rated_turn, feedback_note])
    save_comment.click(comment_on, [comment, owner, rated_turn], [feedback_row, feedback_note])
    sources.click(open_source, [owner, current], [reader_column, reader_title, reader_view])
    close_reader.click(lambda: gr.update(visible=False), None, [reader_column])
    return page_load


# -- what the chat shows -----------------------------------------------------------------------------------


def _messages(conversation: Conversation) -> tuple[list[dict], list[int | None], list[str | None]]:
    """The chat messages of a conversation, each message's turn id, and the 👍/👎 of each assistant message."""
    messages: list[dict] = []
    turns: list[int | None] = []
    feedback: list[str | None] = []
    for turn in conversation.turns:
        answer = turn.answer
        messages.append({"role": "user", "content": markdown.escape(turn.question)})
        messages.append({"role": "assistant", "content": markdown.escape(answer.get("answer", ""))})
        turns += [None, turn.id]
        feedback.append(FEEDBACK_OF_RATING.get(turn.rating or 0))
        citations = answer.get("citations", [])
        if citations:  # one box the user can open: every source with the text it quotes
            listing = "\n\n".join(
                f"**{n}\\.** {markdown.escape('《' + c['title'] + '》' + c['section'])}\n\n> {markdown.escape(c['quote'])}"
                for n, c in enumerate(citations, start=1)
            )
            messages.append(
                {"role": "assistant", "content": listing,
                 "metadata": {"title": f"来源（{len(citations)} 条）", "status": "done"}}
            )  # fmt: skip
            turns.append(turn.id)
            feedback.append(None)
    return messages, turns, feedback


def recent_history(conversation: Conversation) -> list[dict]:
    """The last few messages of the conversation: what a follow-up needs, within the history limits."""
    return conversation.history()[-HISTORY_SENT:]


def _screen_facts(answer: dict):
    frame = exports.facts_frame(answer)
    with_unit = frame["单位"].where(frame["单位"] != "—", "")
    for column in ("数值", "目标"):
        frame[column] = frame[column].where(frame[column] == "—", frame[column] + with_unit)
    return frame[SCREEN_FACTS]


def _sources_html(turn: Turn) -> str:
    """The answer's sources as buttons that open the reader at the cited passage or row."""
    citations = turn.answer.get("citations", [])
    if not citations:
        return ""
    items = []
    for n, c in enumerate(citations):
        quote = c["quote"] if len(c["quote"]) <= QUOTE_CHARS else c["quote"][:QUOTE_CHARS] + "…"
        items.append(
            f'<li><button type="button" class="source-link" data-turn="{turn.id}" data-index="{n}">'
            f"{n + 1}. 《{html.escape(c['title'])}》{html.escape(c['section'])}</button>"
            f'<div class="source-quote">{html.escape(quote)}</div></li>'
        )
    return (
        f'<div class="sources"><div class="sources-title">来源（{len(citations)} 条，点击在原文中查看）</div>'
        f'<ol class="source-list">{"".join(items)}</ol></div>'
    )


def _backend_note(assistant: PolicyAssistant, answer: dict | None) -> str:
    if answer is None:
        return f"回答方式：{markdown.escape(assistant.writer.model_name) if assistant.writer else EXTRACTIVE}"
    backend = answer.get("backend", "")
    backend = EXTRACTIVE if backend == "extractive" else f"大模型 {markdown.escape(backend)}"
    route = exports.ROUTE_NAMES.get(answer.get("route", ""), answer.get("route", ""))
    took = (answer.get("timings_ms") or {}).get("total", 0)
    return f"回答方式：{backend}　路由：{route}　用时：{took:.0f} 毫秒"


def _file_name(question: str) -> str:
    return "回答_" + "".join(ch for ch in question if ch.isalnum())[:24]


def _turns(store, owner_id: str, conversation_id: str | None) -> list[Turn]:
    if not conversation_id:
        return []
    try:
        return store.get(owner_id, conversation_id).turns
    except ConversationError:
        return []


def _turn_at(store, owner_id: str, conversation_id: str | None, message_turn_ids: list, index) -> Turn | None:
    """The turn a chatbot message (by index) belongs to."""
    position = index[0] if isinstance(index, list | tuple) else index
    if not isinstance(position, int) or not 0 <= position < len(message_turn_ids or []):
        return None
    turn_id = message_turn_ids[position]
    return next((t for t in _turns(store, owner_id, conversation_id) if t.id == turn_id), None)
